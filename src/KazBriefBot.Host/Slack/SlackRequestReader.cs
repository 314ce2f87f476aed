using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace KazBriefBot.Host.Slack;

/// <summary>Reads a Slack request's raw body once (with a size limit) and verifies its signature before anything else looks at it.</summary>
public sealed partial class SlackRequestReader(IOptionsMonitor<SlackOptions> options, TimeProvider time, ILogger<SlackRequestReader> logger)
{
    /// <summary>The verified raw body, or the response to send instead (503 not configured, 413 too large, 401 unsigned;
    /// with <paramref name="answerSslCheck"/>, 200 to Slack's ssl_check=1 probe, which carries no command and may be unsigned).</summary>
    public async Task<(byte[]? Body, IResult? Refusal)> ReadVerifiedAsync(HttpContext context, bool answerSslCheck = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = options.CurrentValue;
        if (!settings.IsConfigured)
        {
            return (null, Results.Problem(
                title: "Slack is not configured",
                detail: "Set Slack:SigningSecret (and Slack:BotToken) with user-secrets or environment variables; unsigned requests are never accepted.",
                statusCode: StatusCodes.Status503ServiceUnavailable));
        }

        var request = context.Request;
        if (request.ContentLength > settings.MaxBodyBytes)
        {
            return (null, Results.Problem(title: "Request body too large", statusCode: StatusCodes.Status413PayloadTooLarge));
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = settings.MaxBodyBytes;
        }

        byte[] body;
        try
        {
            body = await ReadLimitedAsync(request.Body, settings.MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            return (null, Results.Problem(title: "Request body too large", statusCode: StatusCodes.Status413PayloadTooLarge));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Results.Problem(title: "Request body too large", statusCode: StatusCodes.Status413PayloadTooLarge));
        }

        if (answerSslCheck && IsForm(request) && ParseForm(body).TryGetValue("ssl_check", out var ssl) && ssl.ToString() == "1")
        {
            // Bolt answers the certificate probe before verifying; it does nothing and reveals nothing.
            return (null, Results.Ok());
        }

        var timestamp = request.Headers[SlackSignature.TimestampHeader].ToString();
        var signature = request.Headers[SlackSignature.SignatureHeader].ToString();
        if (!SlackSignature.IsValid(settings.SigningSecret!, timestamp, signature, body, time.GetUtcNow(), settings.TimestampTolerance))
        {
            LogRejected(logger, request.Path);
            return (null, Results.StatusCode(StatusCodes.Status401Unauthorized));
        }

        return (body, null);
    }

    /// <summary>Parses a form body (tolerating a UTF-8 byte order mark); a malformed form reads as empty, so callers answer 400.</summary>
    public static Dictionary<string, StringValues> ParseForm(byte[] body)
    {
        try
        {
            return new FormReader(DecodeUtf8(body)).ReadForm();
        }
        catch (InvalidDataException)
        {
            // Over FormReader's key/value length limits or count limit: not a form Slack sends.
            return [];
        }
    }

    /// <summary>
    /// Parses a JSON object strictly: invalid UTF-8, a lone surrogate escaped in a string, or anything else System.Text.Json
    /// would only throw on later (when a string is read) makes it null, so the caller answers 400 instead of failing with 500.
    /// </summary>
    public static JsonObject? ParseObjectStrict(ReadOnlySpan<byte> utf8)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(utf8).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        return ParseObjectStrict(text);
    }

    /// <inheritdoc cref="ParseObjectStrict(ReadOnlySpan{byte})"/>
    public static JsonObject? ParseObjectStrict(string text)
    {
        try
        {
            var node = JsonNode.Parse(text) as JsonObject;
            Touch(node);
            return node;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            return null;
        }
    }

    // Reads every string once, so that one that cannot be transcoded fails here and not in a handler.
    private static void Touch(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, value) in o)
                {
                    Touch(value);
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Touch(item);
                }

                break;
            case JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String:
                _ = v.GetValue<string>();
                break;
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes UTF-8 text without a leading byte order mark.</summary>
    public static string DecodeUtf8(byte[] body) => Encoding.UTF8.GetString(body).TrimStart('\uFEFF');

    /// <summary>True when the request says it carries a form body.</summary>
    public static bool IsForm(HttpRequest request) =>
        request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>Turns Slack's message markup into what the user typed: links and mentions to their labels, entities decoded.</summary>
    public static string ToPlainText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var plain = SlackMarkup().Replace(text, m =>
        {
            var target = m.Groups["target"].Value;
            var label = m.Groups["label"].Success ? m.Groups["label"].Value : null;
            return target[0] switch
            {
                '@' => "@" + (label ?? target[1..]),
                '#' => "#" + (label ?? target[1..]),
                '!' => label ?? target[1..],
                _ => label ?? target,
            };
        });
        return plain.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);
    }

    /// <summary>Removes mentions of the bot (or, when its id is unknown, a leading mention) from a message.</summary>
    public static string StripBotMention(string? text, string? botUserId)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (!string.IsNullOrEmpty(botUserId))
        {
            return UserMention().Replace(text, m => m.Groups["id"].Value == botUserId ? string.Empty : m.Value).Trim();
        }

        var leading = UserMention().Match(text.TrimStart());
        return leading.Success && leading.Index == 0 ? text.TrimStart()[leading.Length..].Trim() : text.Trim();
    }

    private static async Task<byte[]> ReadLimitedAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new InvalidDataException("Request body exceeds the limit.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    [GeneratedRegex(@"<(?<target>[@#!]?[^<>|]+)(\|(?<label>[^<>]*))?>", RegexOptions.CultureInvariant)]
    private static partial Regex SlackMarkup();

    [GeneratedRegex(@"<@(?<id>[A-Z0-9]+)(\|[^<>]*)?>", RegexOptions.CultureInvariant)]
    private static partial Regex UserMention();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack request to {Path} refused: missing, wrong or stale signature")]
    private static partial void LogRejected(ILogger logger, PathString path);
}
