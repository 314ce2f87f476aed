using System.Text;
using KazBriefBot.Engine.Corpus;

namespace KazBriefBot.Ingestion;

/// <summary>What happened to one article (or feed item).</summary>
public enum IngestStatus
{
    /// <summary>A new file was written.</summary>
    Added,

    /// <summary>The article's file existed with other text and was replaced.</summary>
    Updated,

    /// <summary>The article's file already holds this text: not rewritten.</summary>
    Unchanged,

    /// <summary>Another file already holds the same article (same canonical address or same text): not written.</summary>
    Duplicate,

    /// <summary>The article matches none of Ingest:Keywords: not written.</summary>
    Filtered,

    /// <summary>No usable text: the page could not be fetched or is not an article, and the feed item has no text of its own.</summary>
    Failed,
}

/// <summary>The outcome of storing one article.</summary>
public sealed record StoreResult(IngestStatus Status, string Path, string? Reason);

/// <summary>The corpus folder as ingestion sees it: which canonical addresses and texts it already holds; writes articles
/// atomically (a temporary hidden file renamed over the target), never rewrites an unchanged one, drops duplicates.</summary>
/// <remarks>The index is read from the files themselves (their header's url and fetched-from, and a hash of their text),
/// so hand-written articles and files from an earlier run count too.</remarks>
public sealed class CorpusStore
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly string _folder;
    private readonly Dictionary<string, string> _byUrl = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _byHash = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    private CorpusStore(string folder) => _folder = folder;

    public string Folder => _folder;

    /// <summary>Indexes the article files of <paramref name="folder"/> (the loader's extensions, hidden files skipped).</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static CorpusStore Open(string folder, IReadOnlyCollection<string> extensions)
    {
        ArgumentNullException.ThrowIfNull(extensions);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Corpus folder not found: {folder}");
        }

        var store = new CorpusStore(Path.GetFullPath(folder));
        foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (!name.StartsWith('.') && extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
            {
                store.IndexFile(Path.GetFullPath(file));
            }
        }

        return store;
    }

    /// <summary>The file that holds the article known by <paramref name="url"/>, if any.</summary>
    public string? PathOf(Uri url)
    {
        lock (_lock)
        {
            return _byUrl.GetValueOrDefault(ArticleDocument.Canonicalize(url).AbsoluteUri);
        }
    }

    private void IndexFile(string file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }

        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var header = ArticleHeader.Read(lines);
        var body = lines.Skip(header?.LineCount ?? 0).Where(l => l.Trim().Length > 0);
        _byHash.TryAdd(ArticleDocument.ContentHash(body), file);
        foreach (var url in new[] { header?.Fields.GetValueOrDefault("url"), FetchedFrom(lines, header) })
        {
            if (url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri))
            {
                _byUrl.TryAdd(ArticleDocument.Canonicalize(uri).AbsoluteUri, file);
            }
        }
    }

    private static string? FetchedFrom(string[] lines, ArticleHeader? header)
    {
        var prefix = ArticleDocument.FetchedFromKey + ":";
        return lines.Take(header?.LineCount ?? 0).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))?[prefix.Length..].Trim();
    }

    /// <summary>Writes the article unless the corpus already holds it; never leaves a partial file behind.</summary>
    public StoreResult Store(ArticleDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var text = ArticleDocument.Render(draft);
        var hash = ArticleDocument.ContentHash(draft.Paragraphs);
        var urls = new[] { draft.Url, draft.FetchedFrom }.OfType<Uri>().Select(u => ArticleDocument.Canonicalize(u).AbsoluteUri).Distinct().ToList();
        lock (_lock)
        {
            // The same article under its canonical address or the address it was fetched from keeps its file.
            var existing = urls.Select(u => _byUrl.GetValueOrDefault(u)).FirstOrDefault(p => p is not null);
            var path = existing ?? Path.Combine(_folder, ArticleDocument.FileNameFor(ArticleDocument.Canonicalize(draft.Url)));
            if (_byHash.TryGetValue(hash, out var sameText) && sameText != path)
            {
                return new StoreResult(IngestStatus.Duplicate, sameText, $"the same text is already in {Path.GetFileName(sameText)} (a syndicated copy)");
            }

            var exists = File.Exists(path);
            if (exists && ReadOrNull(path) is { } current && WithoutFetchedFrom(current) == WithoutFetchedFrom(text))
            {
                // Another link to the same canonical article (a syndicated or tracking link) is a duplicate, not a change.
                return current == text
                    ? new StoreResult(IngestStatus.Unchanged, path, "already in the corpus with this text")
                    : new StoreResult(IngestStatus.Duplicate, path, $"the same article (same canonical url) is already in {Path.GetFileName(path)}");
            }

            WriteAtomically(path, text);
            foreach (var url in urls)
            {
                _byUrl[url] = path;
            }

            _byHash[hash] = path;
            return new StoreResult(exists ? IngestStatus.Updated : IngestStatus.Added, path, exists ? "the article's text or metadata changed" : null);
        }
    }

    private static string WithoutFetchedFrom(string text) =>
        string.Join('\n', text.ReplaceLineEndings("\n").Split('\n').Where(l => !l.StartsWith(ArticleDocument.FetchedFromKey + ":", StringComparison.OrdinalIgnoreCase)));

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Writes a hidden temporary file in the same folder (so the rename stays on one file system), flushes it to
    /// disk and renames it over the target: readers and the corpus watcher only ever see a whole file.</summary>
    private static void WriteAtomically(string path, string text)
    {
        var folder = Path.GetDirectoryName(path)!;
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(Utf8.GetBytes(text));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
