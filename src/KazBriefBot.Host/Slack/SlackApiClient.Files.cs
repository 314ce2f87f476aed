using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace KazBriefBot.Host.Slack;

/// <summary>Slack's external file upload flow: files.getUploadURLExternal, the upload itself, files.completeUploadExternal.</summary>
public sealed partial class SlackApiClient
{
    /// <summary>The method name logged for the upload to the URL Slack handed out (the URL itself is a credential and never logged).</summary>
    public const string UploadMethod = "upload_url";

    /// <summary>Slack refuses alt text longer than this (alt_txt_too_large).</summary>
    public const int MaxAltText = 1000;

    /// <summary>files.getUploadURLExternal: where to upload <paramref name="length"/> bytes, and the file id to complete.</summary>
    public async Task<(Uri? UploadUrl, string? FileId, SlackApiResult Result)> GetUploadUrlAsync(string? teamId, string filename, int length, string? altText, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string> { ["filename"] = filename, ["length"] = length.ToString(CultureInfo.InvariantCulture) };
        if (!string.IsNullOrEmpty(altText))
        {
            form["alt_txt"] = altText;
        }

        // Asking for a URL changes nothing in the workspace, so the pipeline may repeat it.
        var result = await CallFormAsync(teamId, "files.getUploadURLExternal", form, idempotent: true, cancellationToken).ConfigureAwait(false);
        if (!result.Ok)
        {
            return (null, null, result);
        }

        var url = Uri.TryCreate(SlackEndpoints.Str(result.Body, "upload_url"), UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp) ? u : null;
        var id = SlackEndpoints.Str(result.Body, "file_id");
        return url is null || string.IsNullOrEmpty(id) ? (null, null, result with { Ok = false, Error = "invalid_response" }) : (url, id, result);
    }

    /// <summary>Sends the file's bytes to the upload URL (raw body; the URL is the credential, so no token goes with it).</summary>
    public async Task<SlackApiResult> UploadAsync(Uri uploadUrl, byte[] bytes, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, uploadUrl) { Content = content };
        return await SendAsync(request, UploadMethod, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>files.completeUploadExternal: shares the uploaded file in the channel (in the thread when given).</summary>
    public Task<SlackApiResult> CompleteUploadAsync(string? teamId, string fileId, string title, string channel, string? threadTs, CancellationToken cancellationToken)
    {
        var payload = new JsonObject
        {
            ["files"] = new JsonArray(new JsonObject { ["id"] = fileId, ["title"] = title }),
            ["channel_id"] = channel,
        };
        if (!string.IsNullOrEmpty(threadTs))
        {
            payload["thread_ts"] = threadTs;
        }

        return CallAsync(teamId, "files.completeUploadExternal", payload, cancellationToken);
    }
}
