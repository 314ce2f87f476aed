namespace KazBriefBot.Host;

/// <summary>Finds the repository root (the folder with KazBriefBot.sln) so the root appsettings.json and seeds/ are found from any working directory.</summary>
public static class RepoRoot
{
    /// <summary>Names the root explicitly (tests, deployments outside the repository).</summary>
    public const string EnvironmentVariable = "KAZBRIEF_ROOT";

    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured && Directory.Exists(configured))
        {
            return configured;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "KazBriefBot.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
