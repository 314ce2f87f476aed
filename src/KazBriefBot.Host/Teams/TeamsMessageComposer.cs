using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KazBriefBot.Engine.Commands;
using Microsoft.Extensions.Options;

namespace KazBriefBot.Host.Teams;

/// <summary>
/// Turns a reply into one Adaptive Card that fits a Teams message; what does not fit is stored (shared storage) for a
/// "More" button. Sizes are counted as Teams counts them: UTF-16 bytes of the serialized activity.
/// </summary>
public sealed class TeamsMessageComposer(IOptions<TeamsOptions> options, TeamsContinuationStore continuations)
{
    /// <summary>The smallest budget a card is ever composed for (the 413 fallback halves down to this).</summary>
    public const int MinimumBytes = 8_192;

    /// <summary>Room left for the activity around the card (ids, service fields, summary), in UTF-16 bytes.</summary>
    private const int EnvelopeBytes = 4_096;

    /// <summary>Teams shows at most six buttons on a card; one is kept for "More".</summary>
    private const int MaxFollowUps = 5;

    private const int SummaryChars = 150;

    /// <summary>The configured budget of one message (UTF-16 bytes).</summary>
    public int MaxBytes { get; } = options.Value.MaxMessageBytes;

    /// <summary>The first card of a reply posted in <paramref name="conversationId"/> (the base conversation, which owns any continuation).</summary>
    public JsonObject Compose(Reply reply, string conversationId, int? maxBytes = null) =>
        Compose(AdaptiveCardRenderer.RenderUnits(reply), reply.Actions, conversationId, maxBytes ?? MaxBytes);

    /// <summary>The next card of a trimmed reply, or null when the continuation is unknown, expired or from another conversation.</summary>
    public JsonObject? Continue(string key, string conversationId, int? maxBytes = null) =>
        continuations.Find(key, conversationId) is { } pending
            ? Compose(pending.Units, pending.Actions, conversationId, maxBytes ?? MaxBytes)
            : null;

    /// <summary>The message activity carrying a card; its summary is what notifications and the chat list show.</summary>
    public static OutgoingActivity Message(JsonObject card, OutgoingAccount? from, OutgoingAccount? recipient, OutgoingConversation conversation, string? replyToId) => new()
    {
        Type = "message",
        From = from,
        Recipient = recipient,
        Conversation = conversation,
        ReplyToId = replyToId,
        Summary = Summary(card),
        Attachments = [new Attachment(AdaptiveCardRenderer.ContentType, JsonSerializer.SerializeToElement(card, BotJson.Options))],
    };

    /// <summary>The size Teams measures: the serialized payload in UTF-16 (two bytes per UTF-16 code unit).</summary>
    public static int Utf16Bytes<T>(T value) => JsonSerializer.Serialize(value, BotJson.Options).Length * 2;

    /// <summary>The first visible lines of a card, for notifications (which show text, not "sent a card").</summary>
    public static string Summary(JsonObject card)
    {
        var sb = new StringBuilder();
        foreach (var text in VisibleTexts(card["body"]))
        {
            var line = text.Replace("\u200B", string.Empty, StringComparison.Ordinal).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (sb.Length > 0)
            {
                sb.Append(" — ");
            }

            sb.Append(line);
            if (sb.Length >= SummaryChars / 2)
            {
                break;
            }
        }

        var summary = sb.Length == 0 ? "KazBriefBot" : sb.ToString();
        return summary.Length <= SummaryChars ? summary : summary[..(SummaryChars - 1)].TrimEnd() + "…";
    }

    private JsonObject Compose(IReadOnlyList<JsonArray> units, IReadOnlyList<FollowUpAction> actions, string conversationId, int maxBytes)
    {
        var buttons = actions.Take(MaxFollowUps).Select(AdaptiveCardRenderer.CommandButton).ToList();
        var budget = Math.Max(maxBytes, MinimumBytes) - EnvelopeBytes - Size(AdaptiveCardRenderer.Card([], buttons))
            - Size(AdaptiveCardRenderer.MoreButton(new string('0', 32))) - Size(MoreNote(units.Count));
        var body = new List<JsonNode>();
        var used = 0;
        var taken = 0;
        foreach (var unit in units)
        {
            var size = unit.Sum(Size) + (2 * unit.Count);
            if (used + size > budget && taken > 0)
            {
                break;
            }

            body.AddRange(size <= budget ? unit.Select(n => n!) : Trim(unit, budget));
            used += size;
            taken++;
        }

        if (taken < units.Count)
        {
            var key = continuations.Save(conversationId, [.. units.Skip(taken)], actions);
            body.Add(MoreNote(units.Count - taken));
            buttons.Insert(0, AdaptiveCardRenderer.MoreButton(key));
        }

        return AdaptiveCardRenderer.Card(body, buttons);
    }

    private static JsonObject MoreNote(int remaining) =>
        AdaptiveCardRenderer.PlainText($"Showing part of the reply ({remaining} more section{(remaining == 1 ? string.Empty : "s")}): press More.", subtle: true);

    // A single unit larger than a message (cannot happen with the renderer's chunking, but never send an oversized card).
    private static IEnumerable<JsonNode> Trim(JsonArray unit, int budget)
    {
        var used = 0;
        foreach (var node in unit)
        {
            var size = Size(node);
            if (used + size > budget)
            {
                yield return AdaptiveCardRenderer.PlainText("(trimmed: too long for one Teams message)", subtle: true);
                yield break;
            }

            used += size;
            yield return node!;
        }
    }

    private static int Size(JsonNode? node) => node is null ? 8 : node.ToJsonString(BotJson.Options).Length * 2;

    private static IEnumerable<string> VisibleTexts(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["type"] is JsonValue type && type.TryGetValue<string>(out var kind) && kind is "TextBlock" or "TextRun"
                    && obj["text"] is JsonValue text && text.TryGetValue<string>(out var value))
                {
                    yield return value;
                }

                foreach (var (key, child) in obj)
                {
                    if (key is not ("text" or "actions"))
                    {
                        foreach (var inner in VisibleTexts(child))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var inner in VisibleTexts(item))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }
}
