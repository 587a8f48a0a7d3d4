//! The embedded model, when this build has it (feature `local`).

use baton_models::LocalProvider;

fn env(var: &str) -> Option<String> {
    std::env::var(var).ok()
}

/// The model used when nothing is configured and no key is set.
#[cfg(feature = "local")]
pub const FALLBACK_MODEL: Option<&str> = Some("local:smollm2");
#[cfg(not(feature = "local"))]
pub const FALLBACK_MODEL: Option<&str> = None;

#[cfg(feature = "local")]
pub fn provider() -> Option<Box<dyn LocalProvider>> {
    Some(Box::new(baton_local::LocalModels::new(
        baton_local::catalog::models_dir(&env),
    )))
}

#[cfg(not(feature = "local"))]
pub fn provider() -> Option<Box<dyn LocalProvider>> {
    let _ = env;
    None
}

/// `baton models pull NAME`.
#[cfg(feature = "local")]
pub fn pull(args: crate::cli::PullArgs) -> u8 {
    use baton_local::catalog;
    use baton_local::pull::{PullOutcome, pull};

    let Some(model) = catalog::find(&args.name) else {
        errln!(
            "baton: unknown model `{}`; the models baton can pull are: {}",
            args.name,
            catalog::names()
        );
        return crate::exit::USAGE;
    };
    let Some(dir) = catalog::models_dir(&env) else {
        errln!("baton: cannot tell where to keep models; set BATON_MODELS_DIR or HOME");
        return crate::exit::USAGE;
    };
    errln!(
        "pulling {} ({}, {} MB) into {}",
        model.name,
        model.title,
        model.size / 1_000_000,
        dir.display()
    );
    match pull(model, &dir, &args.python, &mut |step| errln!("  {step}")) {
        Ok(PullOutcome::Downloaded(path)) => {
            errln!(
                "✓ {} verified (sha256 {}…) at {}",
                model.name,
                &model.sha256[..12],
                path.display()
            );
            crate::exit::SUCCESS
        }
        Ok(PullOutcome::AlreadyPresent(path)) => {
            errln!(
                "✓ {} is already here and verified: {}",
                model.name,
                path.display()
            );
            crate::exit::SUCCESS
        }
        Err(error) => {
            errln!("baton: {error}");
            crate::exit::FAILURE
        }
    }
}

#[cfg(not(feature = "local"))]
pub fn pull(_: crate::cli::PullArgs) -> u8 {
    errln!("baton: this build has no embedded model support; rebuild with the default features");
    crate::exit::USAGE
}

/// The embedded models, whether each is pulled, as rows for `baton models`.
#[cfg(feature = "local")]
pub fn catalog_rows() -> Vec<serde_json::Value> {
    let dir = baton_local::catalog::models_dir(&env);
    baton_local::CATALOG
        .iter()
        .map(|model| {
            let path = dir.as_ref().map(|d| d.join(model.file));
            let pulled = path.as_ref().is_some_and(|p| p.exists());
            serde_json::json!({
                "name": format!("local:{}", model.name),
                "title": model.title,
                "size_mb": model.size / 1_000_000,
                "instruct": model.instruct,
                "license": model.license,
                "pulled": pulled,
                "path": path,
            })
        })
        .collect()
}

#[cfg(not(feature = "local"))]
pub fn catalog_rows() -> Vec<serde_json::Value> {
    Vec::new()
}
