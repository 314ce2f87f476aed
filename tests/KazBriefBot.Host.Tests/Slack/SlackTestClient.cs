using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using KazBriefBot.Host.Slack;

namespace KazBriefBot.Host.Tests.Slack;

/// <summary>Sends requests to the host's Slack endpoints signed the way Slack signs them.</summary>
public sealed class SlackTestClient(HttpClient client, string signingSecret)
{
    public const string TestSecret = "test-signing-secret-0123456789abcdef";
    public const string TestToken = "xoxb-test-token-not-real";

    public static string Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public Task<HttpResponseMessage> PostAsync(string path, byte[] body, string contentType, string? timestamp = null, string? signature = null, IDictionary<string, string>? headers = null)
    {
        timestamp ??= Now();
        signature ??= SlackSignature.Compute(signingSecret, timestamp, body);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add(SlackSignature.TimestampHeader, timestamp);
        request.Headers.Add(SlackSignature.SignatureHeader, signature);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        return client.SendAsync(request);
    }

    public Task<HttpResponseMessage> CommandAsync(IEnumerable<KeyValuePair<string, string>> fields) =>
        PostAsync("/slack/commands", Form(fields), "application/x-www-form-urlencoded");

    public Task<HttpResponseMessage> EventAsync(string json, IDictionary<string, string>? headers = null) =>
        PostAsync("/slack/events", Encoding.UTF8.GetBytes(json), "application/json", headers: headers);

    public Task<HttpResponseMessage> InteractionAsync(string payloadJson) =>
        PostAsync("/slack/interactions", Form([new("payload", payloadJson)]), "application/x-www-form-urlencoded");

    public static byte[] Form(IEnumerable<KeyValuePair<string, string>> fields) =>
        Encoding.UTF8.GetBytes(string.Join("&", fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value))));

    /// <summary>A slash command form like Slack's, for /kazbrief with the given text.</summary>
    public static List<KeyValuePair<string, string>> SlashCommand(string text, Uri responseUrl, string channel = "C0TESTCHAN1") =>
    [
        new("token", "unused-verification-token"),
        new("team_id", "T0TESTTEAM"),
        new("team_domain", "kazbrief-test"),
        new("channel_id", channel),
        new("channel_name", "briefings"),
        new("user_id", "U0TESTUSER"),
        new("user_name", "tester"),
        new("command", "/kazbrief"),
        new("text", text),
        new("api_app_id", "A0TESTAPP"),
        new("response_url", responseUrl.ToString()),
        new("trigger_id", "1.2." + Guid.NewGuid().ToString("N")),
    ];

    /// <summary>The text of every section, field and context element of a message, concatenated.</summary>
    public static string AllText(JsonNode? message)
    {
        var sb = new StringBuilder();
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, value) in o)
                    {
                        if (key == "text" && value is JsonValue v && v.TryGetValue<string>(out var s))
                        {
                            sb.Append(s).Append('\n');
                        }
                        else
                        {
                            Walk(value);
                        }
                    }

                    break;
                case JsonArray a:
                    foreach (var item in a)
                    {
                        Walk(item);
                    }

                    break;
            }
        }

        Walk(message);
        return sb.ToString();
    }
}
