namespace Receptionist.Grains.Calls;

internal static class CallPages
{
    /// <summary>Turns "limit + 1 rows" into a page: the extra row only proves there is a next page.</summary>
    public static CallPage Trim(List<CallSummary> calls, int limit)
    {
        if (calls.Count <= limit)
        {
            return new CallPage(calls, null);
        }

        calls.RemoveRange(limit, calls.Count - limit);
        var last = calls[^1];
        return new CallPage(calls, new CallCursor(last.CreatedAt, last.CallSid));
    }
}
