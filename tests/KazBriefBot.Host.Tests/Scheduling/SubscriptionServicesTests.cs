using KazBriefBot.Host.Scheduling;
using KazBriefBot.Host.Storage;
using KazBriefBot.Host.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KazBriefBot.Host.Tests.Scheduling;

public sealed class SubscriptionServicesTests
{
    [Fact]
    public void A_relative_storage_path_is_resolved_against_the_content_root()
    {
        var root = Paths.NewTempFolder();
        using var services = Build(root, new() { ["Storage:Path"] = "state/bot.db" });
        var database = services.GetRequiredService<SqliteDatabase>();
        Assert.Equal(Path.Combine(root, "state", "bot.db"), database.FilePath);
        database.EnsureCreated();
        Assert.True(File.Exists(Path.Combine(root, "state", "bot.db")));
    }

    [Fact]
    public void Invalid_scheduling_settings_are_reported_at_start()
    {
        using var services = Build(Paths.NewTempFolder(), new()
        {
            ["Storage:Path"] = "bot.db",
            ["Scheduling:GracePeriod"] = "1.00:00:00",
            ["Scheduling:MaxAttempts"] = "0",
            ["Scheduling:DefaultTimeZone"] = "Mars/Olympus",
        });
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SchedulingOptions>>().Value);
        Assert.Contains(error.Failures, f => f.Contains("GracePeriod", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("MaxAttempts", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Mars/Olympus", StringComparison.Ordinal));
    }

    [Fact]
    public void Default_scheduling_settings_are_valid() => Assert.Empty(new SchedulingOptions().Problems());

    private static ServiceProvider Build(string contentRoot, Dictionary<string, string?> settings)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(config);
        services.AddSingleton<IHostEnvironment>(new TestEnvironment(contentRoot));
        services.AddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddSubscriptions(config);
        return services.BuildServiceProvider();
    }

    private sealed class TestEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";

        public string ApplicationName { get; set; } = "KazBriefBot.Host.Tests";

        public string ContentRootPath { get; set; } = root;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
