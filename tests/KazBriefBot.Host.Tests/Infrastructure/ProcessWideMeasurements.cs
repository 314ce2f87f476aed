namespace KazBriefBot.Host.Tests.Infrastructure;

/// <summary>Tests that measure the whole process's managed heap, and tests that load the embedding model (which allocates
/// heavily while it embeds), run one after another rather than side by side, so a heap measurement sees only its own run.</summary>
[CollectionDefinition(Name)]
public sealed class ProcessWideMeasurements
{
    public const string Name = "Process-wide measurements";
}
