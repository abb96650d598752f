//! Benchmarks of the IAM catalog: decoding the whole file (what the web app does once at start-up)
//! and the lookups other modules call per observed call. Run with `cargo bench -p iam-engine --bench catalog`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use iam_engine::catalog::{Catalog, EMBEDDED};

fn decode(criterion: &mut Criterion) {
    criterion.bench_function("catalog/from_gzip", |bencher| bencher.iter(|| Catalog::from_gzip(black_box(EMBEDDED)).map(|catalog| catalog.action_count())));
}

fn lookups(criterion: &mut Criterion) {
    let catalog = Catalog::embedded();
    criterion.bench_function("catalog/action", |bencher| bencher.iter(|| catalog.action(black_box("s3:GetObject")).is_some()));
    criterion.bench_function("catalog/actions_matching s3:Get*", |bencher| bencher.iter(|| catalog.actions_matching(black_box("s3:Get*")).len()));
    criterion.bench_function("catalog/resource_types_for_arn ec2 instance", |bencher| {
        bencher.iter(|| catalog.resource_types_for_arn("ec2", black_box("arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0")).len())
    });
    criterion.bench_function("catalog/resource_types_for_arn s3 object", |bencher| {
        bencher.iter(|| catalog.resource_types_for_arn("s3", black_box("arn:aws:s3:::my-bucket/2024/01/01/report.csv")).len())
    });
}

criterion_group!(benches, decode, lookups);
criterion_main!(benches);
