using System.Text.Json;
using KazBriefBot.Engine.Digests;
using static KazBriefBot.Engine.Tests.Digests.DigestTestArticles;

namespace KazBriefBot.Engine.Tests.Digests;

public sealed class DigestJsonTests
{
    private static readonly DateOnly Day = new(2024, 3, 5);

    [Fact]
    public void DigestSerializesToTheDocumentedShape()
    {
        var snapshot = Snapshot(
            Make("trade", "Trade rises", Day, TradeBody),
            Make("corridor", "Corridor talks", Day, CorridorBody),
            Make("undated", "Security pact", null, SecurityBody));
        var digest = DigestBuilder.Build(snapshot, Day, Day, includeUndated: true);

        using var json = JsonDocument.Parse(EngineJson.Serialize(digest));
        var root = json.RootElement;

        Assert.Equal(["from", "to", "items", "topics", "undated", "charts"], Names(root));
        Assert.Equal("2024-03-05", root.GetProperty("from").GetString());
        Assert.Equal("2024-03-05", root.GetProperty("to").GetString());
        Assert.Equal(2, root.GetProperty("items").GetArrayLength());
        foreach (var item in root.GetProperty("items").EnumerateArray().Concat(root.GetProperty("undated").EnumerateArray()))
        {
            Assert.Equal(["headline", "highlights", "figures", "topics", "source"], Names(item));
            Assert.Equal(JsonValueKind.String, item.GetProperty("headline").ValueKind);
            Assert.Equal(JsonValueKind.Array, item.GetProperty("figures").ValueKind);
            Assert.All(item.GetProperty("topics").EnumerateArray(), t => Assert.Equal(JsonValueKind.String, t.ValueKind));
            Assert.NotEqual(0, item.GetProperty("highlights").GetArrayLength());
            foreach (var highlight in item.GetProperty("highlights").EnumerateArray())
            {
                Assert.Equal(["text", "source"], Names(highlight));
                var source = highlight.GetProperty("source");
                var article = snapshot.FindArticle(source.GetProperty("id").GetString()!)!;
                Assert.Equal(highlight.GetProperty("text").GetString(), article.Text[source.GetProperty("start").GetInt32()..source.GetProperty("end").GetInt32()]);
                Assert.True(source.TryGetProperty("publisher", out _));
                Assert.True(source.TryGetProperty("date", out _));
            }
        }

        var undatedSource = root.GetProperty("undated")[0].GetProperty("source");
        Assert.Equal(JsonValueKind.Null, undatedSource.GetProperty("date").ValueKind);
        Assert.Equal("2024-03-05", root.GetProperty("items")[0].GetProperty("source").GetProperty("date").GetString());

        Assert.NotEqual(0, root.GetProperty("topics").GetArrayLength());
        foreach (var topic in root.GetProperty("topics").EnumerateArray())
        {
            Assert.Equal(["name", "items"], Names(topic));
            Assert.All(topic.GetProperty("items").EnumerateArray(), i => Assert.InRange(i.GetInt32(), 0, 1));
        }
    }

    [Fact]
    public void WhatsNewAddsSinceAndAddedAt()
    {
        var since = Added.AddHours(-1);
        var digest = DigestBuilder.WhatsNew(Snapshot(Make("undated", "Security pact", null, SecurityBody)), since);

        using var json = JsonDocument.Parse(EngineJson.Serialize(digest));

        Assert.Equal(["from", "to", "items", "topics", "undated", "since", "charts"], Names(json.RootElement));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("from").ValueKind);
        var item = json.RootElement.GetProperty("items")[0];
        Assert.Equal(Added, item.GetProperty("addedAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("source").GetProperty("date").ValueKind);
    }

    private static List<string> Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToList();
}
