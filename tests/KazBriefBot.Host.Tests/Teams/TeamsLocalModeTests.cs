using System.Net;
using KazBriefBot.Host.Tests.Infrastructure;

namespace KazBriefBot.Host.Tests.Teams;

/// <summary>Without an app id (Bot Framework Emulator, local tries) requests need no token and replies carry none; bad settings stop the host.</summary>
public sealed class TeamsLocalModeTests
{
    [Fact]
    public async Task Local_mode_answers_without_tokens_and_warns_at_start()
    {
        await using var fake = await FakeBotFramework.StartAsync();
        await using var host = await TeamsHostFixture.StartHostAsync(fake, new Dictionary<string, string?> { ["Teams:AppId"] = string.Empty });
        var activity = Activities.Message("help", TeamsHostFixture.NewConversationId(), fake.ServiceUrl);

        using var response = await TeamsHostFixture.PostAsync(host, activity, token: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(await fake.WaitForAsync(Activities.Id(activity)));
        Assert.Equal(string.Empty, sent.Authorization);
        Assert.Equal(0, fake.TokenRequests);
        Assert.Contains(host.Services.GetLogLines(), l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("LOCAL MODE", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Teams:AppPassword", "", "Teams:AppPassword is required")]
    [InlineData("Teams:OpenIdMetadataUrl", "not a url", "Teams:OpenIdMetadataUrl")]
    [InlineData("Teams:Authority", "http://login.example.com/tenant", "https")]
    [InlineData("Teams:OpenIdMetadataUrl", "http://login.example.com/v1/.well-known/openidconfiguration", "must use https")]
    public async Task Invalid_settings_stop_the_host_with_a_clear_message(string key, string value, string message)
    {
        await using var fake = await FakeBotFramework.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Teams:AppId"] = TestTokens.AppId,
            ["Teams:AppPassword"] = "test-secret",
            ["Teams:RequireHttpsMetadata"] = "true",
            [key] = value,
        };

        var error = await Assert.ThrowsAnyAsync<Exception>(async () => await (await TeamsHostFixture.StartHostAsync(fake, settings)).DisposeAsync());

        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("test-secret", error.ToString(), StringComparison.Ordinal);
    }
}
