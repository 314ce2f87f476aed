using KazBriefBot.Engine.Answering;
using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Digests;
using KazBriefBot.Engine.Figures;

namespace KazBriefBot.Engine.Commands;

/// <summary>A channel-neutral reply: blocks to render in order, and follow-up actions offered as buttons.</summary>
public sealed record Reply(IReadOnlyList<ReplyBlock> Blocks, IReadOnlyList<FollowUpAction> Actions)
{
    public static Reply Text(string text) => new([new TextBlock(text)], []);
}

/// <summary>A follow-up offered with a reply; CommandText is routed like typed text when the user picks it.</summary>
public sealed record FollowUpAction(string Label, string CommandText);

/// <summary>A part of a reply.</summary>
public abstract record ReplyBlock;

/// <summary>Plain text written by the bot (not corpus text).</summary>
public sealed record TextBlock(string Text) : ReplyBlock;

/// <summary>An answer: its quotes with sources (and leading figures for "how much" questions).</summary>
public sealed record AnswerBlock(Answer Answer) : ReplyBlock;

/// <summary>A table of figures with their reconciled groups.</summary>
public sealed record FiguresBlock(FigureReport Report) : ReplyBlock;

/// <summary>A digest as sections.</summary>
public sealed record DigestBlock(Digest Digest) : ReplyBlock;

/// <summary>One full article with its metadata.</summary>
public sealed record ArticleBlock(ArticleView Article) : ReplyBlock;

/// <summary>The list of articles in the corpus.</summary>
public sealed record SourcesBlock(IReadOnlyList<ArticleSummary> Articles) : ReplyBlock;

/// <summary>An article's metadata for listings.</summary>
public sealed record ArticleSummary(string Id, string? Title, string? Publisher, string? Author, DateOnly? Date, string Path, int Sentences)
{
    public static ArticleSummary From(Article a) =>
        new(a.Id, a.Metadata.Title, a.Metadata.Publisher, a.Metadata.Author, a.Metadata.Date, a.SourcePath, a.Sentences.Count);
}

/// <summary>A full article: metadata and its exact text.</summary>
public sealed record ArticleView(ArticleSummary Summary, string Text)
{
    public static ArticleView From(Article article) => new(ArticleSummary.From(article), article.Text);
}
