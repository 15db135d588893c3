namespace Receptionist.Grains.Numbers;

[GenerateSerializer, Alias("number-assignment-result")]
public enum NumberAssignmentResult
{
    Assigned,
    AlreadyAssigned,
    OwnedByAnotherTenant,
}
