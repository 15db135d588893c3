namespace Receptionist.Grains;

/// <summary>
/// Builds grain keys. Every key carries a type prefix: Orleans' ADO.NET storage parses string keys that look
/// like hexadecimal numbers as numbers, so "20235" and "020235" would share a row without one.
/// </summary>
public static class GrainKeys
{
    public static string Tenant(string tenantId) => $"tenant/{tenantId}";

    public static string Call(string callSid) => $"call/{callSid}";

    public static string Message(string messageSid) => $"message/{messageSid}";

    public static string PhoneNumber(string e164) => $"number/{e164}";

    /// <summary>Whether one phone number has opted out of one tenant's messages.</summary>
    public static string OptOut(string tenantId, string phoneNumber) => $"optout/{tenantId}/{phoneNumber}";

    /// <summary>The part of a key after its type prefix.</summary>
    public static string IdOf(string key) => key[(key.IndexOf('/', StringComparison.Ordinal) + 1)..];
}
