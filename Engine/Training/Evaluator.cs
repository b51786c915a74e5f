using Sweep.Engine.Data;
using Sweep.Engine.Model;

namespace Sweep.Engine.Training;

/// <summary>Forward passes over a whole dataset in batches; no parameter changes.</summary>
public static class Evaluator
{
    public const int EvaluationBatch = 500;

    public static Evaluation Evaluate(Network network, Dataset data, int threads = 1, NetworkWorkspace? workspace = null)
    {
        var classes = network.Classes;
        var confusion = new int[classes, classes];
        if (data.Count == 0) return new Evaluation(double.NaN, double.NaN, 0, confusion);
        workspace ??= new NetworkWorkspace(network, EvaluationBatch, threads);
        var predictions = new int[EvaluationBatch];
        var totalLoss = 0.0;
        var correct = 0;
        for (var start = 0; start < data.Count; start += EvaluationBatch)
        {
            var batch = Math.Min(EvaluationBatch, data.Count - start);
            var logits = workspace.Forward(data.Images.AsSpan(start * data.Features, batch * data.Features), batch);
            var labels = data.Labels.AsSpan(start, batch);
            var (loss, batchCorrect) = SoftmaxCrossEntropy.LossAndCorrect(logits, labels, batch, classes, predictions);
            totalLoss += loss;
            correct += batchCorrect;
            for (var i = 0; i < batch; i++)
            {
                if (predictions[i] >= 0) confusion[labels[i], predictions[i]]++;
            }
        }
        return new Evaluation(totalLoss / data.Count, (double)correct / data.Count, data.Count, confusion);
    }
}
