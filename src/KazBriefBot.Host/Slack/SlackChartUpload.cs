using KazBriefBot.Engine.Commands;
using KazBriefBot.Engine.Figures;
using KazBriefBot.Host.Storage;

namespace KazBriefBot.Host.Slack;

/// <summary>How a chart upload ended; anything but Shared leaves the reply as the tables alone.</summary>
public enum ChartUploadOutcome
{
    Shared,
    AlreadyShared,
    RenderFailed,
    Refused,
    Unconfirmed,
}

/// <summary>
/// Posts the charts of a reply to Slack as PNG files after its messages, with Slack's external upload flow
/// (files.getUploadURLExternal → upload → files.completeUploadExternal, scope files:write) and the chart's text
/// alternative as alt text. Each chart is shared at most once per delivery (recorded in the <see cref="DeliveryPartLedger"/>
/// under the delivery's key). A refusal (missing scope, uploads disabled, the channel refusing) is logged and the reply
/// stays the tables alone: it is never an error to the user.
/// </summary>
public sealed partial class SlackChartUpload(SlackApiClient api, DeliveryPartLedger parts, ILogger<SlackChartUpload> logger)
{
    /// <summary>At most this many charts follow one reply.</summary>
    public const int MaxChartsPerReply = 3;

    /// <summary>The charts a reply carries (figure reports and digests), most relevant first.</summary>
    public static IReadOnlyList<FigureChart> ChartsOf(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return [.. reply.Blocks.SelectMany(b => b switch
        {
            FiguresBlock f => f.Report.Charts,
            DigestBlock d => d.Digest.Charts,
            _ => [],
        }).Take(MaxChartsPerReply)];
    }

    /// <summary>Shares the reply's charts in the channel (thread); returns each chart's outcome, in order.</summary>
    public async Task<IReadOnlyList<ChartUploadOutcome>> UploadAsync(string? teamId, string channel, string? threadTs, Reply reply, string deliveryKey, CancellationToken cancellationToken)
    {
        var charts = ChartsOf(reply);
        if (charts.Count == 0)
        {
            return [];
        }

        var key = deliveryKey + ":charts";
        var stored = await parts.BeginAsync(key, SlackChannel.Name, channel, threadTs, [.. charts.Select(c => c.Title)], cancellationToken).ConfigureAwait(false);
        var outcomes = new List<ChartUploadOutcome>();
        foreach (var part in stored.Where(p => p.Part < charts.Count))
        {
            if (part.Status != PartStatus.Pending)
            {
                // Shared, or its completion may have reached Slack: a file cannot be looked up like a message, so never again.
                outcomes.Add(part.Status == PartStatus.Posted ? ChartUploadOutcome.AlreadyShared : ChartUploadOutcome.Unconfirmed);
                continue;
            }

            var outcome = await UploadOneAsync(teamId, channel, threadTs, charts[part.Part], key, part.Part, cancellationToken).ConfigureAwait(false);
            outcomes.Add(outcome);
            if (outcome == ChartUploadOutcome.Refused)
            {
                // The same refusal (scope, workspace policy, channel) would meet the next chart too.
                break;
            }
        }

        return outcomes;
    }

    private async Task<ChartUploadOutcome> UploadOneAsync(string? teamId, string channel, string? threadTs, FigureChart chart, string key, int part, CancellationToken cancellationToken)
    {
        SlackChartPicture picture;
        try
        {
            picture = SlackChartImage.Render(chart);
        }
        catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException or InvalidOperationException or ArgumentException)
        {
            LogNotShared(logger, chart.Title, channel, teamId ?? "(default)", "render_failed: " + ex.GetType().Name);
            await parts.MarkNotPostedAsync(key, part, "render_failed", CancellationToken.None).ConfigureAwait(false);
            return ChartUploadOutcome.RenderFailed;
        }

        var filename = $"chart-{part + 1}.png";
        var alt = SlackMrkdwn.Truncate(chart.Description, SlackApiClient.MaxAltText);
        var (url, fileId, asked) = await api.GetUploadUrlAsync(teamId, filename, picture.Png.Length, alt, cancellationToken).ConfigureAwait(false);
        if (url is null || fileId is null)
        {
            return await RefusedAsync(chart, channel, teamId, key, part, asked).ConfigureAwait(false);
        }

        var uploaded = await api.UploadAsync(url, picture.Png, "image/png", cancellationToken).ConfigureAwait(false);
        if (!uploaded.Ok)
        {
            return await RefusedAsync(chart, channel, teamId, key, part, uploaded).ConfigureAwait(false);
        }

        await parts.MarkSendingAsync(key, part, cancellationToken).ConfigureAwait(false);
        var completed = await api.CompleteUploadAsync(teamId, fileId, chart.Title, channel, threadTs, cancellationToken).ConfigureAwait(false);
        switch (completed.Kind)
        {
            case SlackCallKind.Ok:
                await parts.MarkPostedAsync(key, part, fileId, CancellationToken.None).ConfigureAwait(false);
                LogShared(logger, chart.Title, channel, fileId);
                return ChartUploadOutcome.Shared;
            case SlackCallKind.Ambiguous:
                await parts.MarkUnknownAsync(key, part, completed.Error ?? "unknown", CancellationToken.None).ConfigureAwait(false);
                LogNotShared(logger, chart.Title, channel, teamId ?? "(default)", "unconfirmed: " + (completed.Error ?? "unknown"));
                return ChartUploadOutcome.Unconfirmed;
            default:
                return await RefusedAsync(chart, channel, teamId, key, part, completed).ConfigureAwait(false);
        }
    }

    private async Task<ChartUploadOutcome> RefusedAsync(FigureChart chart, string channel, string? teamId, string key, int part, SlackApiResult result)
    {
        var reason = result.Error ?? result.Status?.ToString() ?? "unknown";
        if (result.Error == "missing_scope")
        {
            reason += $" (needed: {SlackEndpoints.Str(result.Body, "needed") ?? "files:write"}; reinstall the app with files:write)";
        }

        LogNotShared(logger, chart.Title, channel, teamId ?? "(default)", reason);
        await parts.MarkNotPostedAsync(key, part, result.Error ?? "unknown", CancellationToken.None).ConfigureAwait(false);
        return ChartUploadOutcome.Refused;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack chart \"{Title}\" not shared in {Channel} (team {Team}): {Reason}; the reply stands with its tables alone")]
    private static partial void LogNotShared(ILogger logger, string title, string channel, string team, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack chart \"{Title}\" shared in {Channel} as file {FileId}")]
    private static partial void LogShared(ILogger logger, string title, string channel, string fileId);
}
