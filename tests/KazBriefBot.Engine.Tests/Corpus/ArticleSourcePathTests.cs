using KazBriefBot.Engine.Corpus;

namespace KazBriefBot.Engine.Tests.Corpus;

public sealed class ArticleSourcePathTests
{
    [Theory]
    [InlineData("seeds/001_a.txt", "seeds/001_a.txt")]
    [InlineData("/srv/kazbrief/data/seeds/001_a.txt", "seeds/001_a.txt")]
    [InlineData("../corpus/news.md", "corpus/news.md")]
    [InlineData("lonely.txt", "lonely.txt")]
    public void Answers_show_the_corpus_folder_and_file_name_only(string filePath, string shown)
    {
        var article = new Article("a", filePath, "Text.", new ArticleMetadata(null, null, null, null), [new Sentence(0, 0, 5, "Text.")], DateTimeOffset.UnixEpoch);
        Assert.Equal(shown, article.SourcePath);
        Assert.Equal(shown, article.SourceFor(0, 5).Path);
        Assert.Equal(filePath, article.Path);
    }
}
