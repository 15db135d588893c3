using System.Net;
using Receptionist.Grains.Events;

namespace Receptionist.Tests.Events;

public sealed class PublicAddressGuardTests
{
    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("2001:4860:4860::8888", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.20.0.5", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::1", false)]
    [InlineData("::", false)]
    [InlineData("fd00::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    public void Only_public_addresses_are_delivered_to(string address, bool isPublic) =>
        Assert.Equal(isPublic, PublicAddressGuard.IsPublic(IPAddress.Parse(address)));
}
