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
    [InlineData("Teams:AppPassword", "", "Teams:AppPassword (or Teams:CertificatePath) is required for Teams:AppType SingleTenant")]
    [InlineData("Teams:TenantId", "", "Teams:TenantId is required for Teams:AppType SingleTenant")]
    [InlineData("Teams:AppType", "Multi", "Teams:AppType is SingleTenant, MultiTenant or UserAssignedMSI")]
    [InlineData("Teams:AppType", "UserAssignedMSI", "must not be set for Teams:AppType UserAssignedMSI")]
    [InlineData("Teams:CertificatePath", "/nowhere/bot.pfx", "Set either Teams:AppPassword or Teams:CertificatePath, not both")]
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
            ["Teams:TenantId"] = FakeBotFramework.TenantId,
            ["Teams:RequireHttpsMetadata"] = "true",
            [key] = value,
        };

        var error = await Assert.ThrowsAnyAsync<Exception>(async () => await (await TeamsHostFixture.StartHostAsync(fake, settings)).DisposeAsync());

        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("test-secret", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Existing_multi_tenant_bots_need_no_tenant_and_get_tokens_from_botframework_com()
    {
        var options = new KazBriefBot.Host.Teams.TeamsOptions { AppId = TestTokens.AppId, AppPassword = "s", AppType = KazBriefBot.Host.Teams.TeamsAppType.MultiTenant };
        Assert.Empty(options.Problems());
        Assert.Equal("https://login.microsoftonline.com/botframework.com", options.EffectiveAuthority);

        var single = new KazBriefBot.Host.Teams.TeamsOptions { AppId = TestTokens.AppId, AppPassword = "s", TenantId = FakeBotFramework.TenantId };
        Assert.Empty(single.Problems());
        Assert.Equal("https://login.microsoftonline.com/" + FakeBotFramework.TenantId, single.EffectiveAuthority);
        Assert.Equal("https://api.botframework.com/.default", single.EffectiveScope);
        Assert.Equal("https://api.botframework.com", single.EffectiveTokenIssuer);
        Assert.Equal("https://login.botframework.com/v1/.well-known/openidconfiguration", single.EffectiveOpenIdMetadataUrl);
    }

    [Fact]
    public void The_us_government_cloud_uses_its_own_issuer_scope_login_and_keys()
    {
        var gov = new KazBriefBot.Host.Teams.TeamsOptions { AppId = TestTokens.AppId, AppPassword = "s", TenantId = FakeBotFramework.TenantId, Cloud = KazBriefBot.Host.Teams.TeamsCloud.USGovernment };
        Assert.Empty(gov.Problems());
        Assert.Equal("https://api.botframework.us", gov.EffectiveTokenIssuer);
        Assert.Equal("https://api.botframework.us/.default", gov.EffectiveScope);
        Assert.Equal("https://login.microsoftonline.us/" + FakeBotFramework.TenantId, gov.EffectiveAuthority);
        Assert.Equal("https://login.botframework.azure.us/v1/.well-known/openidconfiguration", gov.EffectiveOpenIdMetadataUrl);

        var govMulti = new KazBriefBot.Host.Teams.TeamsOptions { AppId = TestTokens.AppId, AppPassword = "s", AppType = KazBriefBot.Host.Teams.TeamsAppType.MultiTenant, Cloud = KazBriefBot.Host.Teams.TeamsCloud.USGovernment };
        Assert.Equal("https://login.microsoftonline.us/MicrosoftServices.onmicrosoft.us", govMulti.EffectiveAuthority);
    }
}
