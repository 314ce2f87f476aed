using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace KazBriefBot.Host.Tests.Teams;

/// <summary>End to end over the real host: only correctly signed Bot Framework tokens get a reply.</summary>
public sealed class TeamsAuthenticationTests(TeamsHostFixture fixture) : IClassFixture<TeamsHostFixture>
{
    private FakeBotFramework Fake => fixture.Fake;

    [Fact]
    public async Task Valid_token_gets_a_reply_card_posted_to_the_thread_with_an_msal_token()
    {
        var activity = fixture.Message("help");

        using var response = await fixture.PostAsync(activity, fixture.ValidToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(await Fake.WaitForAsync(Activities.Id(activity)));
        Assert.Equal(activity["id"]!.GetValue<string>(), sent.ReplyToId);
        Assert.Equal("Bearer " + FakeBotFramework.AccessToken, sent.Authorization);
        Assert.Equal("1.5", sent.Card["version"]!.GetValue<string>());
        Assert.Contains("digest", sent.CardText, StringComparison.Ordinal);
        Assert.Equal(activity["from"]!["id"]!.GetValue<string>(), sent.Json["recipient"]!["id"]!.GetValue<string>());
        Assert.Equal(Activities.BotId, sent.Json["from"]!["id"]!.GetValue<string>());

        // Notifications show the summary, not "sent a card".
        Assert.StartsWith("I answer questions about Kazakhstan–US relations", sent.Json["summary"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Activities_from_other_channels_are_refused_even_with_a_valid_token()
    {
        // One key endorsing the other channels, so the refusal is about the channel, not the signature.
        var key = Fake.RollOverKey("webchat", "emulator", "directline");
        foreach (var channel in new[] { "webchat", "emulator", "directline" })
        {
            var activity = fixture.Message("help");
            activity["channelId"] = channel;
            using var response = await fixture.PostAsync(activity, TestTokens.Create(key, Fake.ServiceUrl));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("msteams", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            await Task.Delay(100);
            Assert.Empty(Fake.AllFor(Activities.Id(activity)));
        }
    }

    [Fact]
    public async Task Outbound_token_is_cached_across_replies()
    {
        for (var i = 0; i < 3; i++)
        {
            var activity = fixture.Message("help");
            using var response = await fixture.PostAsync(activity, fixture.ValidToken());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await Fake.WaitForAsync(Activities.Id(activity));
        }

        Assert.Equal(1, Fake.TokenRequests);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("expired")]
    [InlineData("wrong-audience")]
    [InlineData("wrong-issuer")]
    [InlineData("unsigned")]
    [InlineData("tampered")]
    [InlineData("serviceurl-mismatch")]
    [InlineData("unendorsed-channel")]
    [InlineData("key-without-endorsements")]
    [InlineData("unknown-key")]
    [InlineData("hs256")]
    [InlineData("not-a-jwt")]
    public async Task Bad_tokens_get_401_and_nothing_is_sent(string kind)
    {
        var activity = fixture.Message("help");
        var serviceUrl = Fake.ServiceUrl;
        var token = kind switch
        {
            "missing" => null,
            "expired" => TestTokens.Create(Fake.TeamsKey, serviceUrl, expiresIn: TimeSpan.FromMinutes(-6)),
            "wrong-audience" => TestTokens.Create(Fake.TeamsKey, serviceUrl, audience: "99999999-2222-3333-4444-555555555555"),
            "wrong-issuer" => TestTokens.Create(Fake.TeamsKey, serviceUrl, issuer: "https://sts.windows.net/evil/"),
            "unsigned" => TestTokens.Unsigned(serviceUrl),
            "tampered" => TestTokens.Tampered(Fake.TeamsKey, serviceUrl),
            "serviceurl-mismatch" => TestTokens.Create(Fake.TeamsKey, "https://smba.trafficmanager.net/emea/"),
            "unendorsed-channel" => TestTokens.Create(Fake.SkypeOnlyKey, serviceUrl),

            // As the Bot Builder SDK since 4.22.4 ("Could not validate endorsement key"): no endorsements, no channel.
            "key-without-endorsements" => TestTokens.Create(Fake.PlainKey, serviceUrl),
            "unknown-key" => TestTokens.Create(new RsaSecurityKey(RSA.Create(2048)) { KeyId = "teams-key" }, serviceUrl),
            "hs256" => TestTokens.Create(new SymmetricSecurityKey(new byte[64]) { KeyId = "teams-key" }, serviceUrl, algorithm: SecurityAlgorithms.HmacSha256),
            "not-a-jwt" => "not-a-token",
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        using var response = await fixture.PostAsync(activity, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await Task.Delay(150);
        Assert.Empty(Fake.For(Activities.Id(activity)));
    }

    [Fact]
    public async Task Token_within_the_five_minute_skew_is_accepted()
    {
        var activity = fixture.Message("help");
        var token = TestTokens.Create(Fake.TeamsKey, Fake.ServiceUrl, expiresIn: TimeSpan.FromMinutes(-3));
        using var response = await fixture.PostAsync(activity, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Fake.WaitForAsync(Activities.Id(activity));
    }

    [Fact]
    public async Task A_valid_token_cannot_redirect_replies_to_another_service_url()
    {
        // The activity names another URL than the token was issued for: refused before anything is posted.
        var activity = fixture.Message("help", serviceUrl: "http://127.0.0.1:9/evil/");
        using var response = await fixture.PostAsync(activity, fixture.ValidToken());
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Malformed_json_is_400_and_wrong_content_type_is_415()
    {
        using var malformed = await fixture.Host.Client.PostAsync("/api/messages", new StringContent("{\"type\": \"message\", ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);

        using var noType = await fixture.Host.Client.PostAsync("/api/messages", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, noType.StatusCode);

        using var text = await fixture.Host.Client.PostAsync("/api/messages", new StringContent("hello", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);

        using var invalidUtf8 = new ByteArrayContent([.. "{\"type\":\"message\",\"text\":\""u8.ToArray(), 0xC3, 0x28, .. "\"}"u8.ToArray()]);
        invalidUtf8.Headers.ContentType = new("application/json");
        using var badText = await fixture.Host.Client.PostAsync("/api/messages", invalidUtf8);
        Assert.Equal(HttpStatusCode.BadRequest, badText.StatusCode);

        using var huge = await fixture.Host.Client.PostAsync("/api/messages", new StringContent("{\"type\":\"message\",\"text\":\"" + new string('a', 2 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
    }

    [Fact]
    public async Task Refusals_are_logged_without_the_token()
    {
        var activity = fixture.Message("help");
        var token = TestTokens.Create(Fake.TeamsKey, Fake.ServiceUrl, audience: "99999999-2222-3333-4444-555555555555");
        using var response = await fixture.PostAsync(activity, token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        var lines = fixture.Host.Services.GetLogLines();
        Assert.Contains(lines, l => l.Contains("request refused (401)", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(token.Split('.')[2], StringComparison.Ordinal) || l.Contains(token.Split('.')[1], StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("test-secret", StringComparison.Ordinal));
    }
}
