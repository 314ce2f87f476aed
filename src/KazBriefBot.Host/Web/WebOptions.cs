namespace KazBriefBot.Host.Web;

/// <summary>Limits of the HTTP API and chat page (configuration section "Web").</summary>
public sealed class WebOptions
{
    public const string SectionName = "Web";

    /// <summary>Largest request body accepted by /api/* endpoints; larger bodies get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024;

    /// <summary>Longest question (or chat text) accepted, in characters.</summary>
    public int MaxQuestionLength { get; set; } = 1000;
}
