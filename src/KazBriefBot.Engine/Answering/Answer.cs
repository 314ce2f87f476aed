using System.Text.Json.Serialization;
using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Figures;

namespace KazBriefBot.Engine.Answering;

/// <summary>A verbatim quote (one or two consecutive sentences) with its speaker, when the sentence names one, and its source.</summary>
public sealed record Quote(string Text, string? Speaker, double Score, SourceRef Source);

/// <summary>The answer to a question: quotes best first, matching figures, or a plain "nothing found" message.</summary>
public sealed record Answer(string Question, bool Answered, string Message, IReadOnlyList<Quote> Quotes, IReadOnlyList<Figure> Figures)
{
    /// <summary>More relevant quotes follow these (offered as a "More quotes" follow-up); not part of the JSON output.</summary>
    [JsonIgnore]
    public bool HasMore { get; init; }
}
