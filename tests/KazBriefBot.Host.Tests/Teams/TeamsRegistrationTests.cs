using System.Diagnostics;
using System.Net;
using KazBriefBot.Host.Tests.Infrastructure;

namespace KazBriefBot.Host.Tests.Teams;

/// <summary>Current bot registrations: single-tenant with a certificate, a user-assigned managed identity, the US Government cloud, and the start-up check.</summary>
public sealed class TeamsRegistrationTests
{
    [Fact]
    public async Task A_single_tenant_bot_with_a_certificate_gets_tokens_from_its_tenant_without_a_secret()
    {
        await using var fake = await FakeBotFramework.StartAsync();
        var pfx = fake.WriteClientCertificate(Paths.NewTempFolder());
        await using var host = await TeamsHostFixture.StartHostAsync(fake, new Dictionary<string, string?>
        {
            ["Teams:AppId"] = TestTokens.AppId,
            ["Teams:AppType"] = "SingleTenant",
            ["Teams:TenantId"] = FakeBotFramework.TenantId,
            ["Teams:CertificatePath"] = pfx,
            ["Teams:CertificatePassword"] = "pfx-password",
        });
        var activity = Activities.Message("help", TeamsHostFixture.NewConversationId(), fake.ServiceUrl);

        using var response = await TeamsHostFixture.PostAsync(host, activity, TestTokens.Create(fake.TeamsKey, fake.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(await fake.WaitForAsync(Activities.Id(activity)));
        Assert.Equal("Bearer " + FakeBotFramework.AccessToken, sent.Authorization);
        var (grant, path) = Assert.Single(fake.Grants);
        Assert.Equal("certificate", grant);
        Assert.Equal($"/{FakeBotFramework.TenantId}/oauth2/v2.0/token", path);
    }

    [Fact]
    public async Task A_user_assigned_managed_identity_gets_tokens_from_the_identity_endpoint()
    {
        await using var fake = await FakeBotFramework.StartAsync();

        // What App Service sets for a managed identity; MSAL reads it when asked for a token.
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", fake.IdentityEndpoint);
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", FakeBotFramework.IdentityHeader);
        try
        {
            await using var host = await TeamsHostFixture.StartHostAsync(fake, new Dictionary<string, string?>
            {
                ["Teams:AppId"] = TestTokens.AppId,
                ["Teams:AppType"] = "UserAssignedMSI",
                ["Teams:TenantId"] = FakeBotFramework.TenantId,
            });
            var activity = Activities.Message("help", TeamsHostFixture.NewConversationId(), fake.ServiceUrl);

            using var response = await TeamsHostFixture.PostAsync(host, activity, TestTokens.Create(fake.TeamsKey, fake.ServiceUrl));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var sent = Assert.Single(await fake.WaitForAsync(Activities.Id(activity)));
            Assert.Equal("Bearer " + FakeBotFramework.AccessToken, sent.Authorization);
            var (grant, detail) = Assert.Single(fake.Grants);
            Assert.Equal("managed-identity", grant);
            Assert.Equal("https://api.botframework.com " + TestTokens.AppId, detail);
        }
        finally
        {
            Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", null);
            Environment.SetEnvironmentVariable("IDENTITY_HEADER", null);
        }
    }

    [Fact]
    public async Task A_us_government_bot_accepts_only_api_botframework_us_tokens_and_asks_for_its_scope()
    {
        await using var fake = await FakeBotFramework.StartAsync();
        fake.ExpectedScope = "https://api.botframework.us/.default";
        await using var host = await TeamsHostFixture.StartHostAsync(fake, new Dictionary<string, string?>
        {
            ["Teams:AppId"] = TestTokens.AppId,
            ["Teams:AppPassword"] = "test-secret",
            ["Teams:TenantId"] = FakeBotFramework.TenantId,
            ["Teams:Cloud"] = "USGovernment",
        });

        var publicToken = Activities.Message("help", TeamsHostFixture.NewConversationId(), fake.ServiceUrl);
        using (var response = await TeamsHostFixture.PostAsync(host, publicToken, TestTokens.Create(fake.TeamsKey, fake.ServiceUrl)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        var govToken = Activities.Message("help", TeamsHostFixture.NewConversationId(), fake.ServiceUrl);
        using (var response = await TeamsHostFixture.PostAsync(host, govToken, TestTokens.Create(fake.TeamsKey, fake.ServiceUrl, issuer: "https://api.botframework.us")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var sent = Assert.Single(await fake.WaitForAsync(Activities.Id(govToken)));
        Assert.Equal("Bearer " + FakeBotFramework.AccessToken, sent.Authorization);
        Assert.Equal(1, fake.TokenRequests);
        Assert.Empty(fake.For(Activities.Id(publicToken)));
    }

    [Fact]
    public async Task An_app_id_without_its_tenant_stops_the_real_process_with_one_line_and_exit_code_2()
    {
        var (exitCode, stdout, stderr) = await RunHostAsync(new Dictionary<string, string>
        {
            ["Teams__AppId"] = TestTokens.AppId,
            ["Teams__AppPassword"] = "process-secret",
        });

        // stderr is what the operator reads: a heading and one line per problem, no stack trace.
        Assert.Equal(2, exitCode);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(
            [
                "KazBriefBot cannot start: invalid configuration.",
                "  - Teams:TenantId is required for Teams:AppType SingleTenant (the directory (tenant) id of the bot's registration; bots registered as multi-tenant before 31 July 2025 set Teams:AppType to MultiTenant).",
            ],
            lines);
        Assert.DoesNotContain("process-secret", stdout + stderr, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunHostAsync(IDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "KazBriefBot.Host.dll"), "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Paths.Root,
        };
        info.Environment["KAZBRIEF_ROOT"] = Paths.Root;
        info.Environment["Semantic__Enabled"] = "false";
        info.Environment["Storage__Path"] = Path.Combine(Paths.NewTempFolder(), "kazbrief.db");
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
