using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Text;

namespace KazBriefBot.Engine.Tests.Digests;

/// <summary>Articles with controlled dates and added times, built directly (no file), for digest tests.</summary>
internal static class DigestTestArticles
{
    public static readonly DateTimeOffset Added = new(2026, 1, 10, 6, 0, 0, TimeSpan.Zero);

    public static Article Make(string id, string title, DateOnly? date, string body, DateTimeOffset? addedAt = null, string publisher = "Test Wire")
    {
        var text = title + "\n\n" + body;
        var sentences = SentenceSplitter.Split(text, 0, text.Length);
        return new Article(id, $"/corpus/{id}.txt", text, new ArticleMetadata(title, publisher, null, date), sentences, addedAt ?? Added);
    }

    public static CorpusSnapshot Snapshot(params Article[] articles) =>
        CorpusSnapshot.Build("/corpus", new CorpusLoadResult(articles, []), Added);

    public const string TradeBody =
        "The weather in the capital was mild on Tuesday morning. " +
        "Local cafes reported a quiet start to the week. " +
        "Bilateral trade between Kazakhstan and the United States rose to a record this year. " +
        "Officials said trade turnover between Kazakhstan and the United States grew on exports of oil and uranium. " +
        "The trade ministry expects Kazakhstan exports to the United States to keep growing next year. " +
        "American companies plan new investment in Kazakhstan as trade grows. " +
        "A small concert was held in the park in the evening.";

    public const string CorridorBody =
        "Kazakhstan and the United States discussed the Middle Corridor transport route across the Caspian. " +
        "The Trans-Caspian route carries freight by railway and port from China to Europe. " +
        "Transit volumes on the corridor rose as shipping companies avoided other routes. " +
        "Trade between Kazakhstan and the United States could grow with the new corridor. " +
        "The railway and port upgrades need investment from American investors.";

    public const string SecurityBody =
        "Kazakhstan and the United States signed a nuclear security agreement. " +
        "The agreement covers nonproliferation of nuclear and biological weapons. " +
        "Defense officials met to discuss military cooperation and security threats. " +
        "The security talks were held in Astana during a diplomatic visit.";

    public const string OffTopicBody =
        "A football club in Almaty won the regional cup on Sunday. " +
        "The players celebrated with their fans at the stadium. " +
        "The coach praised the team's defence in the final minutes of the match.";
}
