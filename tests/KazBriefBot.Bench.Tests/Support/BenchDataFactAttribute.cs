namespace KazBriefBot.Bench.Tests.Support;

/// <summary>A fact over a public dataset under ../shared/data (where the bench reads it); skipped with a clear message
/// when the file is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BenchDataFactAttribute : FactAttribute
{
    public BenchDataFactAttribute(string relativePath)
    {
        var full = Path.Combine(Datasets.DataFolder, relativePath);
        if (!File.Exists(full))
        {
            Skip = $"Needs ../shared/data/{relativePath}, which is absent on this machine.";
        }
    }
}
