using System.Text.Json;
using System.Text.Json.Nodes;
using KazBriefBot.Engine.Commands;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace KazBriefBot.Host.Teams;

/// <summary>Turns a reply into one Adaptive Card that fits a Teams message; what does not fit is kept for a "More" button.</summary>
public sealed class TeamsMessageComposer : IDisposable
{
    /// <summary>Room left for the activity around the card (ids, service fields).</summary>
    private const int EnvelopeBytes = 4_096;

    /// <summary>Teams shows at most six buttons on a card; one is kept for "More".</summary>
    private const int MaxFollowUps = 5;

    private static readonly TimeSpan ContinuationLifetime = TimeSpan.FromHours(24);
    private readonly MemoryCache _continuations = new(new MemoryCacheOptions { SizeLimit = 10_000 });
    private readonly int _maxBytes;

    public TeamsMessageComposer(IOptions<TeamsOptions> options) => _maxBytes = options.Value.MaxMessageBytes;

    /// <summary>The first card of a reply.</summary>
    public JsonObject Compose(Reply reply) =>
        Compose(AdaptiveCardRenderer.RenderUnits(reply), reply.Actions);

    /// <summary>The next card of a trimmed reply, or null when the continuation has expired.</summary>
    public JsonObject? Continue(string key) =>
        _continuations.TryGetValue(key, out Pending? pending) && pending is not null
            ? Compose(pending.Units, pending.Actions)
            : null;

    /// <summary>The message activity carrying a card.</summary>
    public static OutgoingActivity Message(JsonObject card, OutgoingAccount? from, OutgoingAccount? recipient, OutgoingConversation conversation, string? replyToId) => new()
    {
        Type = "message",
        From = from,
        Recipient = recipient,
        Conversation = conversation,
        ReplyToId = replyToId,
        Attachments = [new Attachment(AdaptiveCardRenderer.ContentType, JsonSerializer.SerializeToElement(card, BotJson.Options))],
    };

    public void Dispose() => _continuations.Dispose();

    private JsonObject Compose(IReadOnlyList<JsonArray> units, IReadOnlyList<FollowUpAction> actions)
    {
        var buttons = actions.Take(MaxFollowUps).Select(AdaptiveCardRenderer.CommandButton).ToList();
        var budget = _maxBytes - EnvelopeBytes - Size(AdaptiveCardRenderer.Card([], buttons)) - Size(AdaptiveCardRenderer.MoreButton(Guid.Empty.ToString("N")));
        var body = new List<JsonNode>();
        var used = 0;
        var taken = 0;
        foreach (var unit in units)
        {
            var size = unit.Sum(Size) + unit.Count;
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
            var key = Guid.NewGuid().ToString("N");
            _continuations.Set(key, new Pending(units.Skip(taken).ToList(), actions), new MemoryCacheEntryOptions
            {
                Size = 1,
                SlidingExpiration = ContinuationLifetime,
            });
            body.Add(new JsonObject
            {
                ["type"] = "TextBlock",
                ["text"] = $"Showing part of the reply ({units.Count - taken} more section{(units.Count - taken == 1 ? string.Empty : "s")}): press More.",
                ["isSubtle"] = true,
                ["wrap"] = true,
            });
            buttons.Insert(0, AdaptiveCardRenderer.MoreButton(key));
        }

        return AdaptiveCardRenderer.Card(body, buttons);
    }

    // A single unit larger than a message (cannot happen with the renderer's chunking, but never send an oversized card).
    private static IEnumerable<JsonNode> Trim(JsonArray unit, int budget)
    {
        var used = 0;
        foreach (var node in unit)
        {
            var size = Size(node);
            if (used + size > budget)
            {
                yield return new JsonObject { ["type"] = "TextBlock", ["text"] = "(trimmed: too long for one Teams message)", ["isSubtle"] = true, ["wrap"] = true };
                yield break;
            }

            used += size;
            yield return node!;
        }
    }

    private static int Size(JsonNode? node) => node is null ? 4 : JsonSerializer.SerializeToUtf8Bytes(node, BotJson.Options).Length;

    private sealed record Pending(IReadOnlyList<JsonArray> Units, IReadOnlyList<FollowUpAction> Actions);
}
