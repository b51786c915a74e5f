namespace Sweep.Engine.Data;

/// <summary>
/// Train / validation / test sets of one dataset. The validation set is the tail of the training file;
/// the test set is only for the final metrics. Checksum identifies the exact data (SHA-256 over the files).
/// </summary>
public sealed record DataSplits(string Name, Dataset Train, Dataset Validation, Dataset Test, string Checksum)
{
    /// <summary>Holds out the last <paramref name="validationSize"/> training examples for validation.</summary>
    public static DataSplits FromTrainAndTest(string name, Dataset trainFile, Dataset test, int validationSize, string checksum)
    {
        if (validationSize < 0 || validationSize >= trainFile.Count)
            throw new ArgumentOutOfRangeException(nameof(validationSize), validationSize,
                $"validation size must be in [0, {trainFile.Count - 1}] for {trainFile.Count} training examples");
        var trainCount = trainFile.Count - validationSize;
        return new DataSplits(name, trainFile.Slice(0, trainCount), trainFile.Slice(trainCount, validationSize), test, checksum);
    }
}
