using System.Text;
using System.Text.Json;
using KazBriefBot.Host.Slack;
using KazBriefBot.Host.Tests.Infrastructure;

namespace KazBriefBot.Host.Tests.Slack;

public sealed class SlackSignatureTests
{
    private static readonly JsonElement Vector = LoadVector();

    private static string Secret => Vector.GetProperty("signing_secret").GetString()!;

    private static string Timestamp => Vector.GetProperty("timestamp").GetString()!;

    private static byte[] Body => Encoding.UTF8.GetBytes(Vector.GetProperty("body").GetString()!);

    private static string Expected => Vector.GetProperty("signature").GetString()!;

    private static DateTimeOffset SentAt => DateTimeOffset.FromUnixTimeSeconds(long.Parse(Timestamp, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Slacks_published_example_gives_the_published_signature()
    {
        Assert.Equal(Expected, SlackSignature.Compute(Secret, Timestamp, Body));
        Assert.True(SlackSignature.IsValid(Secret, Timestamp, Expected, Body, SentAt.AddSeconds(30), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void A_changed_body_secret_or_signature_is_refused()
    {
        var tampered = Body.ToArray();
        tampered[^1] ^= 1;
        Assert.False(SlackSignature.IsValid(Secret, Timestamp, Expected, tampered, SentAt, TimeSpan.FromMinutes(5)));
        Assert.False(SlackSignature.IsValid(Secret + "x", Timestamp, Expected, Body, SentAt, TimeSpan.FromMinutes(5)));
        Assert.False(SlackSignature.IsValid(Secret, Timestamp, Expected.ToUpperInvariant(), Body, SentAt, TimeSpan.FromMinutes(5)));
        Assert.False(SlackSignature.IsValid(Secret, Timestamp, Expected[..^1], Body, SentAt, TimeSpan.FromMinutes(5)));
        Assert.False(SlackSignature.IsValid(Secret, Timestamp, null, Body, SentAt, TimeSpan.FromMinutes(5)));
        Assert.False(SlackSignature.IsValid(Secret, null, Expected, Body, SentAt, TimeSpan.FromMinutes(5)));
        Assert.False(SlackSignature.IsValid(Secret, "not-a-number", Expected, Body, SentAt, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void A_timestamp_more_than_five_minutes_away_is_refused_either_way()
    {
        var tolerance = TimeSpan.FromMinutes(5);
        Assert.True(SlackSignature.IsValid(Secret, Timestamp, Expected, Body, SentAt.AddMinutes(5), tolerance));
        Assert.False(SlackSignature.IsValid(Secret, Timestamp, Expected, Body, SentAt.AddMinutes(5).AddSeconds(1), tolerance));
        Assert.False(SlackSignature.IsValid(Secret, Timestamp, Expected, Body, SentAt.AddMinutes(-5).AddSeconds(-1), tolerance));
    }

    private static JsonElement LoadVector()
    {
        var path = Path.Combine(Paths.Shared, "fixtures", "slack", "signature-vector.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.Clone();
    }
}
