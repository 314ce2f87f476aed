namespace KazBriefBot.Engine.Tests;

/// <summary>A fact that needs a file or folder under ../shared/data; skipped with a clear message when it is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(string relativePath)
    {
        RelativePath = relativePath;
        var full = Path.Combine(TestCorpus.SharedFolder, "data", relativePath);
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            Skip = $"Needs ../shared/data/{relativePath}, which is absent on this machine.";
        }
    }

    public string RelativePath { get; }
}
