using KazBriefBot.Host;

var app = BotHost.Build(args);
await app.RunAsync();
