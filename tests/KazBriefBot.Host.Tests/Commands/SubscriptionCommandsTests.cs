using KazBriefBot.Engine.Commands;
using KazBriefBot.Host.Commands;
using KazBriefBot.Host.Scheduling;
using KazBriefBot.Host.Storage;
using KazBriefBot.Host.Tests.Infrastructure;
using KazBriefBot.Host.Tests.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static KazBriefBot.Host.Tests.Scheduling.DueTimesTests;

namespace KazBriefBot.Host.Tests.Commands;

public sealed class SubscriptionCommandsTests : IDisposable
{
    // 17:00 in Almaty; today's 08:00 has passed.
    private static readonly DateTimeOffset Now = Utc("2026-11-22T12:00:00Z");
    private readonly SchedulerWorld _world = new(Now);
    private readonly CommandRouter _router;

    public SubscriptionCommandsTests()
    {
        var options = Options.Create(_world.Options);
        _router = new CommandRouter(EngineCommands.Create(_world.Engine).Concat<ICommandHandler>(
        [
            new SubscribeHandler(_world.Store, _world.Ledger, _world.Time, options),
            new UnsubscribeHandler(_world.Store),
            new SubscriptionsHandler(_world.Store, _world.Ledger, _world.Time, options),
        ]));
    }

    private static ConversationRef Teams => SchedulerWorld.Teams();

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task Subscribe_defaults_to_eight_in_Almaty_and_names_the_next_digest()
    {
        var reply = await Say("subscribe");
        Assert.Equal(
            "Subscribed: this conversation will get a daily digest at 08:00 Asia/Almaty.\nNext digest: 2026-11-23 08:00 Asia/Almaty (03:00 UTC).\nType `unsubscribe` to stop, or `subscribe HH:MM ZONE` to change the time.",
            reply);
        var stored = await _world.Store.FindAsync("teams", Teams.ConversationId);
        Assert.Equal(Time("08:00"), stored!.LocalTime);
        Assert.Equal("Asia/Almaty", stored.TimeZoneId);
        Assert.Equal(Teams.Reference, stored.Conversation.Reference);
    }

    [Fact]
    public async Task Subscribe_takes_daily_a_time_and_a_zone_in_any_case_and_resubscribing_changes_the_time()
    {
        var reply = await Say("/subscribe daily 7:30 europe/london");
        Assert.StartsWith("Subscribed: this conversation will get a daily digest at 07:30 Europe/London.", reply, StringComparison.Ordinal);
        Assert.Contains("Next digest: 2026-11-23 07:30 Europe/London (07:30 UTC).", reply, StringComparison.Ordinal);

        // Only the time given: the zone stays London.
        reply = await Say("subscribe 09:00");
        Assert.StartsWith("Subscription updated: the daily digest now comes at 09:00 Europe/London.", reply, StringComparison.Ordinal);
        reply = await Say("subscribe America/New_York");
        Assert.StartsWith("Subscription updated: the daily digest now comes at 09:00 America/New_York.", reply, StringComparison.Ordinal);
        Assert.Contains("Next digest: 2026-11-22 09:00 America/New_York (14:00 UTC).", reply, StringComparison.Ordinal);
        reply = await Say("subscribe 09:00 America/New_York");
        Assert.StartsWith("Already subscribed: daily digest at 09:00 America/New_York.", reply, StringComparison.Ordinal);
        Assert.Single(await _world.Store.ListActiveAsync());
    }

    [Theory]
    [InlineData("subscribe 25:00", "'25:00' is not a time of day; use HH:MM on a 24-hour clock")]
    [InlineData("subscribe 8", "'8' is not a time of day")]
    [InlineData("subscribe Mars/Olympus", "'Mars/Olympus' is not a time zone I know; use an IANA id such as Asia/Almaty")]
    [InlineData("subscribe 08:00 09:00", "Give one time of day, not two.")]
    [InlineData("subscribe Asia/Almaty Europe/London", "Give one time zone, not two.")]
    [InlineData("subscribe weekly", "Only daily digests are available.")]
    public async Task Bad_subscribe_arguments_get_a_clear_reply_and_store_nothing(string text, string expected)
    {
        var reply = await Say(text);
        Assert.Contains(expected, reply, StringComparison.Ordinal);
        Assert.Contains("Usage: subscribe [daily] [HH:MM] [TIME_ZONE]", reply, StringComparison.Ordinal);
        Assert.Empty(await _world.Store.ListActiveAsync());
    }

    [Theory]
    [InlineData("web")]
    [InlineData("cli")]
    public async Task Web_and_cli_conversations_are_told_they_cannot_receive_scheduled_digests(string channel)
    {
        var conversation = new ConversationRef(channel, "local");
        foreach (var command in new[] { "subscribe", "subscriptions", "unsubscribe" })
        {
            var reply = TextRenderer.Render(await _router.RouteAsync(command, conversation));
            Assert.Contains($"this {channel} conversation cannot receive them", reply, StringComparison.Ordinal);
        }

        Assert.Empty(await _world.Store.ListActiveAsync());
    }

    [Fact]
    public async Task Subscriptions_lists_time_zone_next_digest_last_delivery_and_pause()
    {
        Assert.StartsWith("This conversation has no digest subscription.", await Say("subscriptions"), StringComparison.Ordinal);

        await Say("subscribe 08:00 Asia/Almaty");
        Assert.Equal("Daily digest at 08:00 Asia/Almaty.\nNext digest: 2026-11-23 08:00 Asia/Almaty (03:00 UTC).", await Say("subscriptions"));

        await _world.RunAtAsync(Utc("2026-11-23T03:00:00Z"));
        Assert.Single(_world.Poster.Posted);
        Assert.Equal(
            "Daily digest at 08:00 Asia/Almaty.\nNext digest: 2026-11-24 08:00 Asia/Almaty (03:00 UTC).\nLast delivered: the digest of 2026-11-23, at 2026-11-23 08:00 Asia/Almaty.",
            await Say("subscriptions"));

        // Moving the time later today does not promise a second digest today.
        Assert.Contains("Next digest: 2026-11-24 10:00 Asia/Almaty (05:00 UTC).", await Say("subscribe 10:00"), StringComparison.Ordinal);

        await _world.Store.PauseAsync("teams", Teams.ConversationId, "blocked: MessageWritesBlocked");
        var paused = await Say("subscriptions");
        Assert.Contains("Paused since 2026-11-23 08:00 Asia/Almaty: blocked: MessageWritesBlocked. Type `subscribe` to resume.", paused, StringComparison.Ordinal);
        Assert.DoesNotContain("Next digest", paused, StringComparison.Ordinal);

        Assert.StartsWith("Subscription resumed (it was paused: blocked: MessageWritesBlocked).", await Say("subscribe"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscriptions_shows_a_retrying_digest_with_its_error()
    {
        _world.Poster.Script = _ => new DeliveryResult(DeliveryOutcome.RetryLater, "503 Service Unavailable");
        await Say("subscribe");
        await _world.RunAtAsync(Utc("2026-11-23T03:00:00Z"));
        Assert.Contains(
            "Retrying the digest of 2026-11-23: 1 of 6 attempts made (last error: 503 Service Unavailable); next attempt at 2026-11-23 08:01 Asia/Almaty.",
            await Say("subscriptions"),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsubscribe_stops_the_digest_and_says_so_when_there_was_none()
    {
        await Say("subscribe");
        Assert.StartsWith("Unsubscribed: no more daily digests in this conversation.", await Say("unsubscribe"), StringComparison.Ordinal);
        Assert.Equal("This conversation has no digest subscription; nothing to stop.", await Say("unsubscribe"));
        Assert.Empty(await _world.Store.ListActiveAsync());
    }

    [Fact]
    public async Task Help_lists_the_subscription_commands()
    {
        var help = await Say("help");
        Assert.Contains("subscribe [daily] [HH:MM] [TIME_ZONE]", help, StringComparison.Ordinal);
        Assert.Contains("• unsubscribe", help, StringComparison.Ordinal);
        Assert.Contains("• subscriptions", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_real_host_registers_the_commands_with_its_router_and_stores_in_the_configured_file()
    {
        var folder = Paths.NewTempFolder();
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?> { ["Storage:Path"] = Path.Combine(folder, "host.db") });
        var router = host.Services.GetRequiredService<CommandRouter>();
        var reply = TextRenderer.Render(await router.RouteAsync("subscribe 06:45 America/New_York", SchedulerWorld.Teams("19:host@thread.v2")));
        Assert.StartsWith("Subscribed: this conversation will get a daily digest at 06:45 America/New_York.", reply, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(folder, "host.db"), host.Services.GetRequiredService<SqliteDatabase>().FilePath);
        Assert.True(File.Exists(Path.Combine(folder, "host.db")));
        Assert.NotNull(await host.Services.GetRequiredService<SubscriptionStore>().FindAsync("teams", "19:host@thread.v2"));
    }

    private async Task<string> Say(string text) => TextRenderer.Render(await _router.RouteAsync(text, Teams));
}
