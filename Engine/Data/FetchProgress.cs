namespace Sweep.Engine.Data;

/// <summary>How far the copy of one file has come. BytesTotal is null when the source does not say (e.g. while connecting).</summary>
public sealed record FetchProgress(string FileName, string Source, long BytesDone, long? BytesTotal);
