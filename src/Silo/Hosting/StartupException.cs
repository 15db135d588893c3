namespace Receptionist.Silo.Hosting;

/// <summary>A start-up failure the operator can fix; Program prints its message as one line and exits.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
