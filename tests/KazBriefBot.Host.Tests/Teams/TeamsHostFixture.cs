using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using KazBriefBot.Host.Teams;
using KazBriefBot.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KazBriefBot.Host.Tests.Teams;

/// <summary>The real host with Teams authentication on, wired to a <see cref="FakeBotFramework"/>; shared by a test class.</summary>
public sealed class TeamsHostFixture : IAsyncLifetime
{
    public FakeBotFramework Fake { get; private set; } = null!;

    public TestHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Fake = await FakeBotFramework.StartAsync();
        Host = await StartHostAsync(Fake, new Dictionary<string, string?>
        {
            ["Teams:AppId"] = TestTokens.AppId,
            ["Teams:AppPassword"] = "test-secret",
            ["Teams:TenantId"] = FakeBotFramework.TenantId,
        });
    }

    /// <summary>Starts the real host pointed at the fake: metadata over http, MSAL over https trusting only the fake's certificate.</summary>
    public static Task<TestHost> StartHostAsync(FakeBotFramework fake, IDictionary<string, string?> settings)
    {
        var merged = new Dictionary<string, string?>
        {
            ["Teams:OpenIdMetadataUrl"] = fake.MetadataUrl,
            ["Teams:RequireHttpsMetadata"] = "false",
            ["Teams:Authority"] = fake.Authority,
            ["Teams:RetryBaseDelay"] = "00:00:00.010",

            // No typing indicators unless a test asks for them: answers here take milliseconds.
            ["Teams:TypingDelay"] = "00:01:00",
        };
        foreach (var (key, value) in settings)
        {
            merged[key] = value;
        }

        var thumbprint = fake.Certificate.Thumbprint;
        var logs = new CapturingLoggerProvider();
        return TestHost.StartAsync(merged, builder =>
        {
            builder.Logging.AddProvider(logs);
            builder.Services.AddSingleton(logs);
            builder.Services.AddHttpClient(TeamsChannel.MsalClientName).ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
            {
                // The one test-only seam: trust the fake token endpoint's self-signed certificate (by thumbprint, nothing else).
                ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
                    errors == System.Net.Security.SslPolicyErrors.None || certificate?.Thumbprint == thumbprint,
            });
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Fake.DisposeAsync();
    }

    /// <summary>A message activity as Teams sends it, from a fresh conversation unless one is given.</summary>
    public JsonObject Message(string text, string? conversationId = null, string? serviceUrl = null) =>
        Activities.Message(text, conversationId ?? NewConversationId(), serviceUrl ?? Fake.ServiceUrl);

    public static string NewConversationId() => $"a:test-{Guid.NewGuid():N}";

    /// <summary>A valid token for the fake's service URL.</summary>
    public string ValidToken() => TestTokens.Create(Fake.TeamsKey, Fake.ServiceUrl);

    public Task<HttpResponseMessage> PostAsync(JsonNode activity, string? token) => PostAsync(Host, activity, token);

    public static async Task<HttpResponseMessage> PostAsync(TestHost host, JsonNode activity, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await host.Client.SendAsync(request);
    }
}

/// <summary>Builds Teams activities for tests.</summary>
public static class Activities
{
    public const string BotId = "28:" + TestTokens.AppId;
    public const string BotName = "KazBriefBot";

    public static JsonObject Message(string text, string conversationId, string serviceUrl) => new()
    {
        ["type"] = "message",
        ["id"] = "17673" + Random.Shared.Next(10_000_000, 99_999_999),
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl,
        ["text"] = text,
        ["from"] = new JsonObject { ["id"] = "29:user-1", ["name"] = "Test User" },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = BotName },
        ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = "personal", ["tenantId"] = FakeBotFramework.TenantId },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = FakeBotFramework.TenantId } },
    };

    public static string Id(JsonObject activity) => activity["conversation"]!["id"]!.GetValue<string>();

    /// <summary>Turns an activity into the adaptiveCard/action invoke Teams sends when a KazBriefBot button is pressed.</summary>
    public static JsonObject Invoke(JsonObject activity, JsonObject data)
    {
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity.Remove("text");
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "kb.command", ["data"] = data },
            ["trigger"] = "manual",
        };
        return activity;
    }
}
