namespace Receptionist.Grains.Numbers;

[GenerateSerializer, Alias("phone-number-state")]
public sealed class PhoneNumberState
{
    [Id(0)] public PhoneNumberOwner? Owner { get; set; }
}
