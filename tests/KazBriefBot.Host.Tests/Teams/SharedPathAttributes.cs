using KazBriefBot.Host.Tests.Infrastructure;

namespace KazBriefBot.Host.Tests.Teams;

/// <summary>A fact that needs a path under ../shared; skipped with a clear message when it is absent.</summary>
public sealed class SharedPathFactAttribute : FactAttribute
{
    public SharedPathFactAttribute(string relativePath)
    {
        if (!Path.Exists(Path.Combine(Paths.Shared, relativePath)))
        {
            Skip = $"../shared/{relativePath} is absent: check out the shared material beside the repository to run this test.";
        }
    }
}

/// <summary>A theory that needs a path under ../shared; skipped with a clear message when it is absent.</summary>
public sealed class SharedPathTheoryAttribute : TheoryAttribute
{
    public SharedPathTheoryAttribute(string relativePath)
    {
        if (!Path.Exists(Path.Combine(Paths.Shared, relativePath)))
        {
            Skip = $"../shared/{relativePath} is absent: check out the shared material beside the repository to run this test.";
        }
    }
}
