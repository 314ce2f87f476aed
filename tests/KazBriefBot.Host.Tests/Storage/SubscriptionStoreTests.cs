using KazBriefBot.Engine.Commands;
using KazBriefBot.Host.Storage;
using KazBriefBot.Host.Tests.Scheduling;
using Microsoft.Data.Sqlite;
using static KazBriefBot.Host.Tests.Scheduling.DueTimesTests;

namespace KazBriefBot.Host.Tests.Storage;

public sealed class SubscriptionStoreTests
{
    private static readonly DateTimeOffset Start = Utc("2026-11-22T00:00:00Z");

    [Fact]
    public async Task Subscribing_creates_updates_and_keeps_one_row_per_conversation()
    {
        using var world = new SchedulerWorld(Start);
        var slack = new ConversationRef("slack", "C024BE91L", "U1", """{"team":"T1","channel":"C024BE91L"}""");

        var created = await world.Store.SubscribeAsync(slack, Time("08:00"), "Asia/Almaty");
        Assert.Equal(SubscribeChange.Created, created.Change);
        Assert.Equal(Start, created.Subscription.ActiveFrom);

        world.Time.Advance(TimeSpan.FromHours(1));
        var same = await world.Store.SubscribeAsync(slack, Time("08:00"), "Asia/Almaty");
        Assert.Equal(SubscribeChange.Unchanged, same.Change);
        Assert.Equal(Start, same.Subscription.ActiveFrom);

        var updated = await world.Store.SubscribeAsync(slack with { Reference = """{"team":"T1","channel":"C024BE91L","v":2}""" }, Time("09:15"), "Europe/London");
        Assert.Equal(SubscribeChange.Updated, updated.Change);
        Assert.Equal(created.Subscription.Id, updated.Subscription.Id);
        Assert.Equal(Time("09:15"), updated.Subscription.LocalTime);
        Assert.Equal("Europe/London", updated.Subscription.TimeZoneId);
        Assert.Equal(Start.AddHours(1), updated.Subscription.ActiveFrom);
        Assert.Contains("\"v\":2", updated.Subscription.Conversation.Reference, StringComparison.Ordinal);

        // Another conversation is another subscription.
        var other = await world.Store.SubscribeAsync(slack with { ConversationId = "D0DM" }, Time("08:00"), "Asia/Almaty");
        Assert.NotEqual(created.Subscription.Id, other.Subscription.Id);
        Assert.Equal(2, (await world.Store.ListActiveAsync()).Count);

        // Survives a restart.
        world.Restart();
        var found = await world.Store.FindAsync("slack", "C024BE91L");
        Assert.Equal(updated.Subscription, found);
    }

    [Fact]
    public async Task Unsubscribe_hides_the_subscription_and_subscribing_again_reuses_its_id()
    {
        using var world = new SchedulerWorld(Start);
        var first = await world.SubscribeAsync();
        Assert.True(await world.Store.UnsubscribeAsync("teams", first.Conversation.ConversationId));
        Assert.False(await world.Store.UnsubscribeAsync("teams", first.Conversation.ConversationId));
        Assert.Null(await world.Store.FindAsync("teams", first.Conversation.ConversationId));
        Assert.Empty(await world.Store.ListActiveAsync());

        var again = await world.Store.SubscribeAsync(first.Conversation, Time("07:00"), "Asia/Almaty");
        Assert.Equal(SubscribeChange.Created, again.Change);
        Assert.Equal(first.Id, again.Subscription.Id);
    }

    [Fact]
    public async Task Pause_and_resume_record_the_reason_and_restart_the_schedule()
    {
        using var world = new SchedulerWorld(Start);
        var subscription = await world.SubscribeAsync();
        Assert.False(await world.Store.ResumeAsync("teams", subscription.Conversation.ConversationId));
        Assert.False(await world.Store.PauseAsync("slack", "unknown", "blocked"));

        world.Time.Advance(TimeSpan.FromHours(2));
        Assert.True(await world.Store.PauseAsync("teams", subscription.Conversation.ConversationId, "blocked: MessageWritesBlocked"));
        var paused = await world.Store.FindAsync("teams", subscription.Conversation.ConversationId);
        Assert.True(paused!.Paused);
        Assert.Equal("blocked: MessageWritesBlocked", paused.PausedReason);
        Assert.Equal(Start.AddHours(2), paused.PausedAt);

        world.Time.Advance(TimeSpan.FromHours(2));
        Assert.True(await world.Store.ResumeAsync("teams", subscription.Conversation.ConversationId));
        var resumed = await world.Store.FindAsync("teams", subscription.Conversation.ConversationId);
        Assert.False(resumed!.Paused);
        Assert.Null(resumed.PausedReason);
        Assert.Equal(Start.AddHours(4), resumed.ActiveFrom);
    }

    [Fact]
    public async Task The_ledger_holds_one_row_per_subscription_and_day_and_claims_are_exclusive()
    {
        using var world = new SchedulerWorld(Start);
        var subscription = await world.SubscribeAsync();
        var day = Day("2026-11-22");
        var due = Utc("2026-11-22T03:00:00Z");
        Assert.True(await world.Ledger.RecordDueAsync(subscription.Id, day, due));
        Assert.False(await world.Ledger.RecordDueAsync(subscription.Id, day, due));
        Assert.False(await world.Ledger.RecordSkippedAsync(subscription.Id, day, due, "late"));

        // The UNIQUE (subscription, day) constraint holds even for a raw insert.
        using (var connection = world.Database.Open())
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO deliveries (subscription_id, local_day, due_at, status, updated_at) VALUES ($id, '2026-11-22', 0, 'pending', 0)";
            insert.Parameters.AddWithValue("$id", subscription.Id);
            var error = Assert.Throws<SqliteException>(() => insert.ExecuteNonQuery());
            Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
        }

        var row = Assert.Single(await world.Ledger.ListOpenAsync());
        var claim = await world.Ledger.TryClaimAsync(row.Id, "a", TimeSpan.FromMinutes(5));
        Assert.NotNull(claim);
        Assert.Equal(DeliveryStatus.Sending, claim.Status);
        Assert.Equal(1, claim.Attempts);
        Assert.Null(await world.Ledger.TryClaimAsync(row.Id, "b", TimeSpan.FromMinutes(5)));
        Assert.False(await world.Ledger.MarkDeliveredAsync(row.Id, "b", []));

        // After the lease, another instance may take it; the first one's confirmation is then refused.
        world.Time.Advance(TimeSpan.FromMinutes(5));
        var stolen = await world.Ledger.TryClaimAsync(row.Id, "b", TimeSpan.FromMinutes(5));
        Assert.Equal(2, stolen!.Attempts);
        Assert.False(await world.Ledger.MarkDeliveredAsync(row.Id, "a", []));
        Assert.True(await world.Ledger.MarkDeliveredAsync(row.Id, "b", ["001_x", "002_y"]));
        var delivered = await world.RowAsync(subscription.Id, day);
        Assert.Equal(DeliveryStatus.Delivered, delivered!.Status);
        Assert.Equal(["001_x", "002_y"], delivered.ArticleIds);
        Assert.Empty(await world.Ledger.ListOpenAsync());
        Assert.Equal(["001_x", "002_y"], (await world.Ledger.DeliveredArticleIdsAsync(subscription.Id, day.AddDays(-1))).Order());
    }
}
