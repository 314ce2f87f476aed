using System.Xml.Linq;
using KazBriefBot.Engine.Commands;
using KazBriefBot.Host.Storage;
using KazBriefBot.Host.Teams;
using KazBriefBot.Host.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace KazBriefBot.Host.Tests.Storage;

/// <summary>The stores on a real PostgreSQL server, each "host" with its own <see cref="PostgresDatabase"/> (own pool) on one database.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStorageTests(PostgresServer server)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Migrations_create_the_tables_once_even_when_hosts_start_together_and_a_newer_schema_is_refused()
    {
        var connectionString = await server.NewDatabaseAsync();
        var databases = Enumerable.Range(0, 4).Select(_ => new PostgresDatabase(connectionString)).ToArray();
        try
        {
            var versions = await Task.WhenAll(databases.Select(d => Task.Run(d.EnsureCreated)));
            Assert.All(versions, v => Assert.Equal(4, v));
            Assert.Equal(PostgresDatabase.CurrentVersion, SqliteDatabase.CurrentVersion);

            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            Assert.Equal(
                ["data_protection_keys", "deliveries", "delivery_parts", "schema_migrations", "slack_events", "slack_installations", "slack_work", "subscriptions", "teams_continuations"],
                await StringsAsync(connection, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name"));
            Assert.Equal(["1", "2", "3", "4"], await StringsAsync(connection, "SELECT version::text FROM schema_migrations ORDER BY version"));

            await using (var bump = new NpgsqlCommand("INSERT INTO schema_migrations (version, applied_at) VALUES (99, 0)", connection))
            {
                await bump.ExecuteNonQueryAsync();
            }

            await using var newer = new PostgresDatabase(connectionString);
            var error = Assert.Throws<InvalidOperationException>(() => newer.EnsureCreated());
            Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(PostgresServer.Password, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_subscription_made_through_one_host_is_read_paused_and_resumed_through_the_other()
    {
        var connectionString = await server.NewDatabaseAsync();
        await using var a = new PostgresDatabase(connectionString);
        await using var b = new PostgresDatabase(connectionString);
        var time = new FakeTimeProvider(Start);
        var storeA = new SubscriptionStore(a, time, NullLogger<SubscriptionStore>.Instance);
        var storeB = new SubscriptionStore(b, time, NullLogger<SubscriptionStore>.Instance);
        var conversation = new ConversationRef("slack", "C1", "U1", """{"team_id":"T1","channel_id":"C1"}""");

        var created = await storeA.SubscribeAsync(conversation, new TimeOnly(8, 0), "Asia/Almaty");
        Assert.Equal(SubscribeChange.Created, created.Change);
        var seen = await storeB.FindAsync("slack", "C1");
        Assert.NotNull(seen);
        Assert.Equal(created.Subscription.Id, seen.Id);
        Assert.Equal(new TimeOnly(8, 0), seen.LocalTime);
        Assert.Equal("""{"team_id":"T1","channel_id":"C1"}""", seen.Conversation.Reference);

        Assert.True(await storeB.PauseAsync("slack", "C1", "channel_not_found"));
        Assert.True((await storeA.FindAsync("slack", "C1"))!.Paused);
        time.Advance(TimeSpan.FromMinutes(5));
        var resumed = await storeA.SubscribeAsync(conversation with { Reference = null }, new TimeOnly(9, 30), "Asia/Almaty");
        Assert.Equal(SubscribeChange.Resumed, resumed.Change);
        Assert.False(resumed.Subscription.Paused);
        Assert.Equal(Start.AddMinutes(5), resumed.Subscription.ActiveFrom);
        Assert.Equal("""{"team_id":"T1","channel_id":"C1"}""", resumed.Subscription.Conversation.Reference); // kept when not given

        Assert.True(await storeB.UnsubscribeAsync("slack", "C1"));
        Assert.Null(await storeA.FindAsync("slack", "C1"));
        Assert.Empty(await storeA.ListActiveAsync());

        // Subscribing one conversation from both hosts at once makes one row, not a unique-key failure.
        var other = new ConversationRef("teams", "19:x@thread.v2", "29:u", null);
        var both = await Task.WhenAll(storeA.SubscribeAsync(other, new TimeOnly(7, 0), "UTC"), storeB.SubscribeAsync(other, new TimeOnly(7, 0), "UTC"));
        Assert.Equal(both[0].Subscription.Id, both[1].Subscription.Id);
        Assert.Single(both, r => r.Change == SubscribeChange.Created);
    }

    [Fact]
    public async Task Of_many_simultaneous_claims_from_two_hosts_one_wins_and_an_expired_lease_is_taken_over_once()
    {
        var connectionString = await server.NewDatabaseAsync();
        await using var a = new PostgresDatabase(connectionString);
        await using var b = new PostgresDatabase(connectionString);
        var time = new FakeTimeProvider(Start);
        var store = new SubscriptionStore(a, time, NullLogger<SubscriptionStore>.Instance);
        var subscription = (await store.SubscribeAsync(new ConversationRef("slack", "C9", null, null), new TimeOnly(8, 0), "UTC")).Subscription;
        var ledgerA = new DeliveryLedger(a, time);
        var ledgerB = new DeliveryLedger(b, time);
        var day = new DateOnly(2026, 3, 2);
        Assert.True(await ledgerA.RecordDueAsync(subscription.Id, day, Start));
        Assert.False(await ledgerB.RecordDueAsync(subscription.Id, day, Start)); // the other host finds the row there
        var row = Assert.Single(await ledgerB.ListOpenAsync());

        var lease = TimeSpan.FromMinutes(5);
        var claims = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() =>
            (i % 2 == 0 ? ledgerA : ledgerB).TryClaimAsync(row.Id, i % 2 == 0 ? "host-a" : "host-b", lease))));
        var winner = Assert.Single(claims, c => c is not null)!;
        Assert.Equal(1, winner.Attempts);
        Assert.Equal(DeliveryStatus.Sending, winner.Status);

        // The winner dies without confirming. Before the lease runs out nobody may take the row; after it, exactly one host does.
        time.Advance(lease - TimeSpan.FromSeconds(1));
        Assert.Null(await ledgerB.TryClaimAsync(row.Id, "host-b", lease));
        time.Advance(TimeSpan.FromSeconds(1));
        var takeovers = await Task.WhenAll(Task.Run(() => ledgerA.TryClaimAsync(row.Id, "host-c", lease)), Task.Run(() => ledgerB.TryClaimAsync(row.Id, "host-d", lease)));
        var takeover = Assert.Single(takeovers, c => c is not null)!;
        Assert.Equal(2, takeover.Attempts);
        Assert.NotEqual(winner.LeaseOwner, takeover.LeaseOwner);

        // The dead host's late confirmation is refused; the new owner's counts.
        Assert.False(await ledgerA.MarkDeliveredAsync(row.Id, winner.LeaseOwner!, ["a1"]));
        Assert.True(await ledgerB.MarkDeliveredAsync(row.Id, takeover.LeaseOwner!, ["a1", "a2"]));
        var delivered = await ledgerA.LastDeliveredAsync(subscription.Id);
        Assert.Equal(["a1", "a2"], delivered!.ArticleIds);
        Assert.Empty(await ledgerA.ListOpenAsync());
    }

    [Fact]
    public async Task Parts_begun_by_two_hosts_at_once_are_stored_once_and_a_posted_part_is_never_sent_again()
    {
        var connectionString = await server.NewDatabaseAsync();
        await using var a = new PostgresDatabase(connectionString);
        await using var b = new PostgresDatabase(connectionString);
        var time = new FakeTimeProvider(Start);
        var partsA = new DeliveryPartLedger(a, time);
        var partsB = new DeliveryPartLedger(b, time);

        var begun = await Task.WhenAll(
            Task.Run(() => partsA.BeginAsync("digest:7", "slack", "C1", null, ["one", "two", "three"])),
            Task.Run(() => partsB.BeginAsync("digest:7", "slack", "C1", null, ["uno", "dos", "tres"])));
        Assert.Equal(begun[0].Select(p => p.Payload), begun[1].Select(p => p.Payload));
        Assert.Equal(3, begun[0].Count);

        Assert.True(await partsA.MarkSendingAsync("digest:7", 0));
        Assert.True(await partsA.MarkPostedAsync("digest:7", 0, "1700000000.000100"));
        Assert.False(await partsB.MarkSendingAsync("digest:7", 0));
        Assert.True(await partsB.MarkSendingAsync("digest:7", 1));
        Assert.True(await partsB.MarkUnknownAsync("digest:7", 1, "timeout"));
        var seen = await partsA.ListAsync("digest:7");
        Assert.Equal([PartStatus.Posted, PartStatus.Unknown, PartStatus.Pending], seen.Select(p => p.Status));
        Assert.Equal("1700000000.000100", seen[0].RemoteId);
        Assert.Equal(Start, seen[1].FirstAttemptAt);
    }

    [Fact]
    public async Task Slack_event_ids_are_accepted_once_across_hosts_and_abandoned_work_is_claimed_by_one_host()
    {
        var connectionString = await server.NewDatabaseAsync();
        await using var a = new PostgresDatabase(connectionString);
        await using var b = new PostgresDatabase(connectionString);
        var time = new FakeTimeProvider(Start);
        var journalA = new SlackWorkJournal(a, time);
        var journalB = new SlackWorkJournal(b, time);
        var lease = TimeSpan.FromSeconds(30);
        var window = TimeSpan.FromHours(1);

        var accepted = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() =>
            (i % 2 == 0 ? journalA : journalB).TryAcceptAsync(["Ev1", "message:C1:1.1"], SlackJobKind.Message, "{}", i % 2 == 0 ? "a" : "b", lease, window))));
        Assert.Single(accepted, id => id is not null);
        Assert.Equal(1, await journalB.CountAsync());

        // The same message under another event id (app_mention and message.im) is a duplicate too.
        Assert.Null(await journalB.TryAcceptAsync(["Ev2", "message:C1:1.1"], SlackJobKind.Message, "{}", "b", lease, window));
        // …and nothing of it was kept: Ev2 alone is still new.
        Assert.NotNull(await journalB.TryAcceptAsync(["Ev2"], SlackJobKind.Message, "{}", "b", lease, window));

        // A queue that was full forgets its acceptance, so Slack's retry is accepted again.
        var forgotten = await journalA.TryAcceptAsync(["Ev3"], SlackJobKind.Message, "{}", "a", lease, window);
        await journalA.ForgetAsync(forgotten!.Value, ["Ev3"]);
        Assert.NotNull(await journalB.TryAcceptAsync(["Ev3"], SlackJobKind.Message, "{}", "b", lease, window));

        // After the window an id counts as new again.
        time.Advance(window);
        Assert.NotNull(await journalA.TryAcceptAsync(["Ev1"], SlackJobKind.Command, "{}", "a", lease, window));

        // Every row's lease has run out (nobody renewed): two hosts claiming at once split them, none twice.
        var open = await journalA.CountAsync();
        Assert.Equal(4, open);
        time.Advance(lease);
        var claimed = await Task.WhenAll(Task.Run(() => journalA.ClaimAbandonedAsync("a2", lease, 10)), Task.Run(() => journalB.ClaimAbandonedAsync("b2", lease, 10)));
        var ids = claimed.SelectMany(c => c.Select(j => j.Id)).ToList();
        Assert.Equal(open, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Empty(await journalA.ClaimAbandonedAsync("a3", lease, 10)); // leased again now
        Assert.All(claimed.SelectMany(c => c), j => Assert.Equal(2, j.Attempts));
    }

    [Fact]
    public async Task The_leader_lock_is_held_by_one_host_and_passes_on_when_its_holder_stops_or_loses_its_connection()
    {
        var connectionString = await server.NewDatabaseAsync();
        await using var a = new PostgresDatabase(connectionString);
        await using var b = new PostgresDatabase(connectionString);

        var held = await a.TryLeadAsync("feed-polling");
        Assert.NotNull(held);
        Assert.Null(await b.TryLeadAsync("feed-polling"));
        Assert.NotNull(await b.TryLeadAsync("another-job") is { } other ? other : null);
        Assert.True(await held.StillHeldAsync());

        await held.DisposeAsync();
        var second = await b.TryLeadAsync("feed-polling");
        Assert.NotNull(second);
        Assert.Null(await a.TryLeadAsync("feed-polling"));

        // The holder's session is killed (its host died, the network dropped it): the lock goes with it.
        await using (var admin = new NpgsqlConnection(connectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid() AND ((classid::bigint << 32) | objid::bigint) = @key",
                admin);
            kill.Parameters.AddWithValue("key", BotDatabase.LockKey("feed-polling"));
            await kill.ExecuteNonQueryAsync();
        }

        Assert.False(await second.StillHeldAsync());
        await second.DisposeAsync();
        var third = await a.TryLeadAsync("feed-polling");
        Assert.NotNull(third);
        await third.DisposeAsync();
    }

    [Fact]
    public async Task Teams_continuations_slack_installations_and_the_key_ring_written_by_one_host_are_read_by_the_other()
    {
        var connectionString = await server.NewDatabaseAsync();
        await using var a = new PostgresDatabase(connectionString);
        await using var b = new PostgresDatabase(connectionString);
        var time = new FakeTimeProvider(Start);

        var key = new TeamsContinuationStore(a, time).Save("19:conv", [[System.Text.Json.Nodes.JsonValue.Create("unit")!]], [new FollowUpAction("More", "digest")]);
        var found = new TeamsContinuationStore(b, time).Find(key, "19:conv");
        Assert.NotNull(found);
        Assert.Equal("More", Assert.Single(found.Actions).Label);
        Assert.Null(new TeamsContinuationStore(b, time).Find(key, "19:other"));

        var ringA = new DatabaseKeyRing(a, time);
        ringA.StoreElement(new XElement("key", new XAttribute("id", "k1")), "key-k1");
        Assert.Equal("k1", Assert.Single(new DatabaseKeyRing(b, time).GetAllElements()).Attribute("id")!.Value);
    }

    private static async Task<List<string>> StringsAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
