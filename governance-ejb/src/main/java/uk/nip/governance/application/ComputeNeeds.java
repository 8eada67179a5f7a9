package uk.nip.governance.application;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;

/** What the project needs in the sandbox; imaging data is analysed there, never released. */
@Embeddable
public class ComputeNeeds {

    @Column(name = "compute_cpu_cores")
    private Integer cpuCores;

    @Column(name = "compute_gpus")
    private Integer gpus;

    @Column(name = "compute_storage_gb")
    private Integer storageGb;

    @Column(name = "compute_months")
    private Integer months;

    protected ComputeNeeds() {
    }

    public ComputeNeeds(Integer cpuCores, Integer gpus, Integer storageGb, Integer months) {
        this.cpuCores = cpuCores;
        this.gpus = gpus;
        this.storageGb = storageGb;
        this.months = months;
    }

    public static ComputeNeeds none() {
        return new ComputeNeeds(null, null, null, null);
    }

    public Integer getCpuCores() { return cpuCores; }
    public Integer getGpus() { return gpus; }
    public Integer getStorageGb() { return storageGb; }
    public Integer getMonths() { return months; }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComputeNeeds c && Objects.equals(cpuCores, c.cpuCores) && Objects.equals(gpus, c.gpus)
                && Objects.equals(storageGb, c.storageGb) && Objects.equals(months, c.months);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cpuCores, gpus, storageGb, months);
    }
}
