using System.Text;
using Microsoft.Data.Sqlite;

namespace Sweep.Results.Storage;

/// <summary>
/// Turns what can go wrong with a results file into one line naming the file (SQLite's own messages, such as
/// "SQLite Error 26: 'file is not a database'", name none): checks made before SQLite opens the path, and the
/// translation of SQLite's error codes (https://sqlite.org/rescode.html) into what is wrong and what to do.
/// </summary>
internal static class ResultsFileErrors
{
    private const int Perm = 3, Busy = 5, Locked = 6, ReadOnly = 8, IoError = 10, Corrupt = 11, Full = 13, CantOpen = 14,
        Auth = 23, NotADatabase = 26;

    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();

    private const string RerunHint = "run the same command again once it is fixed; stored results are kept";

    /// <summary>Another connection holds the write lock (after the busy timeout): worth waiting for, unlike the rest.</summary>
    public static bool IsLock(SqliteException error) => error.SqliteErrorCode is Busy or Locked;

    /// <summary>
    /// Refuses, before SQLite touches it, a path that is a folder or an existing file that is not an SQLite database
    /// (SQLite would accept a text file until its first query, or turn an empty folder path into an error about
    /// "unable to open"), and makes the folder of a new file.
    /// </summary>
    public static void CheckBeforeOpen(string path)
    {
        if (Directory.Exists(path))
            throw new NotAResultsFileException(path, "is a folder, not a results file", $"pass a file, e.g. {System.IO.Path.Combine(path, "results.db")}");
        var folder = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder))
        {
            try
            {
                Directory.CreateDirectory(folder);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                throw new ResultsFileException(path, $"cannot create its folder {folder} ({Reason(error)})", null, error);
            }
        }
        if (!File.Exists(path)) return;
        var header = new byte[SqliteHeader.Length];
        int read;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            read = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ResultsFileException(path, $"cannot be read ({Reason(error)})", "check its permissions, or pass another --results", error);
        }
        // An empty file is a new database to SQLite; anything else must start with SQLite's header.
        if (read > 0 && !header.AsSpan(0, read).SequenceEqual(SqliteHeader))
            throw new NotAResultsFileException(path, $"is not a results file: it does not start like an SQLite database ({Describe(header.AsSpan(0, read))})",
                "pass the results.db of a sweep, or a new path");
    }

    /// <summary>An SQLite file with tables but no schema_version is another program's database: never touch it.</summary>
    public static void RefuseForeignDatabase(string path, IReadOnlyList<string> tables)
    {
        if (tables.Count > 0 && !tables.Contains("schema_version"))
            throw new NotAResultsFileException(path, $"is an SQLite database but not a results file (its tables: {string.Join(", ", tables.Take(5))}{(tables.Count > 5 ? ", …" : "")})",
                "pass the results.db of a sweep, or a new path");
    }

    /// <summary>What an SQLite error means for this file: bad input for a file that is not a usable results file, else I/O.</summary>
    public static ResultsFileException Translate(string path, SqliteException error) => error.SqliteErrorCode switch
    {
        NotADatabase => new NotAResultsFileException(path, "is not a results file (SQLite: file is not a database)",
            "pass the results.db of a sweep, or a new path", error),
        Corrupt => new NotAResultsFileException(path, "is damaged (SQLite: database disk image is malformed)",
            "restore it from a copy, or pass another --results", error),
        Full => new ResultsFileException(path, "cannot be written: the disk is full", $"free space on its filesystem and {RerunHint}", error),
        Busy or Locked => new ResultsFileException(path, "another program holds a write lock on it (SQLite: database is locked)",
            $"close that program (a sqlite3 shell in a transaction?) and {RerunHint}", error),
        ReadOnly or CantOpen or Perm or Auth => Unwritable(path, error),
        IoError => new ResultsFileException(path, $"I/O error ({SqliteWords(error)})", RerunHint, error),
        _ => new ResultsFileException(path, SqliteWords(error), null, error),
    };

    /// <summary>
    /// SQLite says "unable to open" or "readonly" without saying why: a results file needs write access to the file and
    /// to its folder (where the -wal and -shm files live, even to read), so find which one is missing.
    /// </summary>
    private static ResultsFileException Unwritable(string path, SqliteException error)
    {
        var folder = System.IO.Path.GetDirectoryName(path) ?? ".";
        const string hint = "sweep writes the file and its -wal and -shm files beside it, even to read; copy it to a writable folder or pass another --results";
        if (!CanCreateFileIn(folder)) return new ResultsFileException(path, $"its folder {folder} is read-only", hint, error);
        if (File.Exists(path) && !CanOpenForWriting(path))
            return new ResultsFileException(path, "is read-only", "a run writes its results there; make it writable or pass another --results", error);
        return new ResultsFileException(path, $"cannot be opened for writing ({SqliteWords(error)})", hint, error);
    }

    private static bool CanCreateFileIn(string folder)
    {
        var probe = System.IO.Path.Combine(folder, $".sweep-write-probe-{Environment.ProcessId}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
            return true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool CanOpenForWriting(string path)
    {
        try
        {
            using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete)) { }
            return true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>"permission denied" rather than .NET's sentence about access to the path.</summary>
    private static string Reason(Exception error) => error is UnauthorizedAccessException ? "permission denied" : error.Message.TrimEnd('.');

    /// <summary>SQLite's message without its "SQLite Error N:" prefix: "SQLite: disk I/O error".</summary>
    private static string SqliteWords(SqliteException error)
    {
        var message = error.Message;
        var colon = message.IndexOf(": ", StringComparison.Ordinal);
        var words = (colon >= 0 ? message[(colon + 2)..] : message).Trim().TrimEnd('.').Trim('\'');
        return $"SQLite: {words}";
    }

    /// <summary>The first bytes of a file that is not a database, shown safely: text as text, else as hex.</summary>
    private static string Describe(ReadOnlySpan<byte> bytes)
    {
        var printable = bytes.ToArray().All(b => b is >= 0x20 and < 0x7F or (byte)'\n' or (byte)'\r' or (byte)'\t');
        var more = bytes.Length == SqliteHeader.Length ? "…" : "";
        if (printable) return $"it starts with \"{Encoding.ASCII.GetString(bytes).ReplaceLineEndings(" ").Trim()}{more}\"";
        return $"its first bytes are {Convert.ToHexString(bytes[..Math.Min(8, bytes.Length)])}";
    }
}
