using System.Globalization;
using System.Text;
using KazBriefBot.Host.Slack;

namespace KazBriefBot.Host.Tests.Reliability;

/// <summary>Builds Slack-signed requests for the reliability tests with the host's own signer, which the published Slack example verifies.</summary>
internal static class SlackSigning
{
    public static HttpRequestMessage Signed(string path, string body, string contentType, string secret, long ageSeconds = 0)
    {
        var timestamp = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - ageSeconds).ToString(CultureInfo.InvariantCulture);
        var signature = SlackSignature.Compute(secret, timestamp, Encoding.UTF8.GetBytes(body));
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        request.Headers.Add(SlackSignature.TimestampHeader, timestamp);
        request.Headers.Add(SlackSignature.SignatureHeader, signature);
        return request;
    }

    public static string Command(string text, Uri responseUrl, string user = "U1", string channel = "C1") =>
        $"token=x&team_id=T1&channel_id={channel}&channel_name=general&user_id={user}&user_name=tester&command=%2Fkazbrief&text={Uri.EscapeDataString(text)}&response_url={Uri.EscapeDataString(responseUrl.ToString())}&trigger_id=1";
}
