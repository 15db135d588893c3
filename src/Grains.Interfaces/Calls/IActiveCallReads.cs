namespace Receptionist.Grains.Calls;

/// <summary>
/// The live status reads this silo can answer without a grain call: those of the calls whose grains are active here, as
/// each grain last published it (see <see cref="ICallGrain.Read"/>, which answers the same).
/// </summary>
public interface IActiveCallReads
{
    /// <summary>The call's read if its grain is active on this silo; null otherwise (ask the grain).</summary>
    CallRead? Find(string callSid);
}
