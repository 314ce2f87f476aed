using System.Net;

namespace KazBriefBot.Ingestion.Tests.Fetching;

public sealed class NetworkPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.8.9.10", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("10.1.2.3", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("100.64.0.1", "private")]
    [InlineData("fc00::1", "private")]
    [InlineData("fd12:3456::1", "private")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("224.0.0.1", "multicast")]
    public void Non_public_addresses_are_refused_by_default(string address, string kind)
    {
        var reason = NetworkPolicy.Refusal(IPAddress.Parse(address), allowPrivateNetwork: false);
        Assert.NotNull(reason);
        Assert.Contains($"is a {kind} address", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]
    [InlineData("2001:4860:4860::8888")]
    public void Public_addresses_are_allowed(string address) =>
        Assert.Null(NetworkPolicy.Refusal(IPAddress.Parse(address), allowPrivateNetwork: false));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.0.0.5")]
    [InlineData("169.254.1.1")]
    public void The_switch_allows_private_loopback_and_link_local(string address) =>
        Assert.Null(NetworkPolicy.Refusal(IPAddress.Parse(address), allowPrivateNetwork: true));

    [Fact]
    public void Unspecified_and_multicast_stay_refused_even_with_the_switch()
    {
        Assert.NotNull(NetworkPolicy.Refusal(IPAddress.Any, allowPrivateNetwork: true));
        Assert.NotNull(NetworkPolicy.Refusal(IPAddress.Parse("239.1.1.1"), allowPrivateNetwork: true));
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.org/feed.xml")]
    [InlineData("gopher://example.org/")]
    public void Only_http_and_https_are_fetched(string url) =>
        Assert.Throws<FetchRefusedException>(() => NetworkPolicy.CheckScheme(new Uri(url)));
}
