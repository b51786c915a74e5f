namespace Sweep.Coordinator.Running;

/// <summary>Shows a run's progress: live on a terminal, as one line per event in logs and pipes.</summary>
public interface IRunView
{
    void Update(ProgressSnapshot snapshot);

    /// <summary>Called once after the last update, before the report is printed.</summary>
    void Finish(ProgressSnapshot snapshot);

    /// <summary>A message for the user during the run (Ctrl-C's "stopping…"), placed where it does not break the view.</summary>
    void Notice(string message) => Console.Error.WriteLine(message);
}
