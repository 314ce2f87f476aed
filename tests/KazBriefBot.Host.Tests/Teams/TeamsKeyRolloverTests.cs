using System.Net;

namespace KazBriefBot.Host.Tests.Teams;

/// <summary>Signing keys are cached; a key published since the last fetch is accepted on its first request; forced fetches are rate-limited (its own host).</summary>
public sealed class TeamsKeyRolloverTests(TeamsHostFixture fixture) : IClassFixture<TeamsHostFixture>
{
    private FakeBotFramework Fake => fixture.Fake;

    [Fact]
    public async Task A_rolled_over_key_is_accepted_on_its_first_request_and_refreshes_are_rate_limited()
    {
        // Warm the cache, then check that ordinary requests do not fetch the keys again.
        using (var response = await fixture.PostAsync(fixture.Message("help"), fixture.ValidToken()))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var fetches = Fake.KeyRequests;
        for (var i = 0; i < 3; i++)
        {
            using var response = await fixture.PostAsync(fixture.Message("help"), fixture.ValidToken());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(fetches, Fake.KeyRequests);

        // A key published after the cache was filled: the very first request signed with it is accepted, after one fetch.
        var rolled = Fake.RollOverKey();
        var first = fixture.Message("help");
        using (var response = await fixture.PostAsync(first, TestTokens.Create(rolled, Fake.ServiceUrl)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(fetches + 1, Fake.KeyRequests);
        Assert.Single(await Fake.WaitForAsync(Activities.Id(first)));

        // Now known: no further fetch.
        using (var response = await fixture.PostAsync(fixture.Message("help"), TestTokens.Create(rolled, Fake.ServiceUrl)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(fetches + 1, Fake.KeyRequests);

        // Another unknown key within five minutes of the forced fetch: refused without fetching (made-up key ids cannot hammer the endpoint).
        var second = Fake.RollOverKey();
        for (var i = 0; i < 3; i++)
        {
            using var response = await fixture.PostAsync(fixture.Message("help"), TestTokens.Create(second, Fake.ServiceUrl));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.Equal(fetches + 1, Fake.KeyRequests);
    }
}
