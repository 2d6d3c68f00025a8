namespace Verification.Audit.Experiments;

/// <summary>One experiment of the report: it runs, and returns figures and a reading of them.</summary>
public interface IExperiment
{
    /// <summary>The name used on the command line (<c>experiment NAME</c>), for example <c>dasgrad-fig1</c>.</summary>
    string Name { get; }

    /// <summary>The section title in the report.</summary>
    string Title { get; }

    /// <summary>Runs the experiment.</summary>
    ExperimentResult Run(ExperimentContext context);
}
