namespace Receptionist.Grains.SignalWire.Models;

/// <summary>The outcome of one cheap authenticated request, for health reporting.</summary>
public sealed record SignalWireProbe(bool Reachable, TimeSpan Latency, string Detail);
