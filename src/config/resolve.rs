//! Which configuration applies to a file, and what it makes of the run's settings.
//!
//! Discovery walks up from each linted file to the nearest `.sellerlint.yaml` (or
//! `sellerlint.yaml`), caching the answer per directory so a tree of thousands of files reads
//! each config once. `--config FILE` uses one file for everything, `--no-config` none. The
//! nearest config wins whole (no merging with configs further up, as in Ruff): what a file
//! gets never depends on files outside the project the config describes.
//!
//! Levels follow [`Settings::levels`]: the config's `rules`, then matching `per-file` entries,
//! then the command line's `--select`/`--ignore`/`--extend-select`, resolved to exact rule ids
//! (the most specific key wins; equal keys, the later one).

use super::options::{error_at, error_with_help, parse_config, ConfigError, ConfigFile, Item};
use super::rule_options::{check_rule_options, resolve_rule_options};
use crate::diagnostic::Severity;
use crate::lint::Settings;
use crate::parse::did_you_mean;
use crate::profile::{Profile, DEFAULT_PROFILE};
use crate::rules::phrase::PhraseRule;
use crate::rules::registry::{selector_covers, Registry};
use crate::source::SourceFile;
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

/// File names a config may have, in order of preference within one directory.
pub const CONFIG_NAMES: [&str; 2] = [".sellerlint.yaml", "sellerlint.yaml"];

/// YAML files that are never sequences, skipped wherever they are (also when a pre-commit
/// hook or a shell glob names them).
pub const DEFAULT_EXCLUDE: [&str; 7] = [
    ".sellerlint.yaml",
    "sellerlint.yaml",
    ".pre-commit-config.yaml",
    ".pre-commit-hooks.yaml",
    ".github",
    ".gitlab-ci.yml",
    "node_modules",
];

/// What the command line says about configuration and rule selection.
#[derive(Debug, Clone, Default)]
pub struct CliOverrides {
    /// `--config FILE`: this file for every input.
    pub config: Option<PathBuf>,
    /// `--no-config`: ignore config files.
    pub no_config: bool,
    pub profile: Option<String>,
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub extend_select: Vec<String>,
    pub require_reason: bool,
}

/// The built-in registry, or one extended by a config's rule packs.
#[derive(Clone)]
pub enum RegistryRef {
    Builtin,
    Extended(Rc<Registry>),
}

impl std::ops::Deref for RegistryRef {
    type Target = Registry;
    fn deref(&self) -> &Registry {
        match self {
            RegistryRef::Builtin => Registry::builtin(),
            RegistryRef::Extended(r) => r,
        }
    }
}

/// A configuration file loaded and checked against the rules it names.
pub struct LoadedConfig {
    /// The file, or `None` when no config applies (defaults).
    pub path: Option<PathBuf>,
    /// Globs and rule-pack folders are relative to this directory.
    pub dir: PathBuf,
    pub file: ConfigFile,
    pub registry: RegistryRef,
    include: Option<GlobSet>,
    exclude: GlobSet,
    per_file: Vec<GlobSet>,
}

/// Everything linting one file needs.
pub struct FileSetup {
    pub config: Rc<LoadedConfig>,
    /// Shared by every file with the same config and `per-file` entries: a run lints such
    /// files together (see [`crate::run::RunOptions::lint_batch`]).
    pub settings: std::sync::Arc<Settings>,
    pub registry: RegistryRef,
}

/// Where a rule's level comes from (for `sellerlint config`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedRule {
    pub id: String,
    pub level: Option<Severity>,
    pub origin: String,
}

/// Glob patterns as gitignore users expect: a pattern without `/` matches a name at any depth
/// (`drafts` and `*.bak.yaml`); a pattern with `/` is relative to the config's folder; both
/// also match everything below a matching folder.
fn glob_set(source: Option<&SourceFile>, items: &[Item]) -> Result<GlobSet, ConfigError> {
    let mut builder = GlobSetBuilder::new();
    for item in items {
        let p = item.value.trim_start_matches("./");
        let p = p.trim_end_matches('/');
        let base = if p.contains('/') {
            p.trim_start_matches('/').to_string()
        } else {
            format!("**/{p}")
        };
        for pattern in [base.clone(), format!("{base}/**")] {
            let glob = GlobBuilder::new(&pattern)
                .literal_separator(true)
                .build()
                .map_err(|e| match source {
                    Some(src) => error_at(
                        src,
                        item.offset,
                        format!("bad glob `{}`: {}", item.value, e.kind()),
                    ),
                    None => ConfigError::whole_file("<config>", e.to_string()),
                })?;
            builder.add(glob);
        }
    }
    builder
        .build()
        .map_err(|e| ConfigError::whole_file("<config>", e.to_string()))
}

/// `path` relative to `dir`, lexically, with `/` separators (`None` when outside `dir`).
pub fn relative_to(path: &Path, dir: &Path) -> Option<String> {
    let rel = path.strip_prefix(dir).ok()?;
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    Some(parts.join("/"))
}

/// An absolute, lexically normalised path (no `.`/`..`), without resolving symlinks.
pub fn absolute(path: &Path, cwd: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn load_rule_packs(
    source: &SourceFile,
    dir: &Path,
    packs: &[Item],
    cwd: &Path,
) -> Result<Vec<PhraseRule>, Vec<ConfigError>> {
    let mut rules: Vec<PhraseRule> = Vec::new();
    let mut errors = Vec::new();
    let mut seen: HashMap<String, String> = Registry::builtin()
        .ids()
        .map(|id| (id.to_string(), "the built-in rules".to_string()))
        .collect();
    for pack in packs {
        let folder = dir.join(&pack.value);
        let entries = match std::fs::read_dir(&folder) {
            Ok(e) => e,
            Err(e) => {
                errors.push(error_at(
                    source,
                    pack.offset,
                    format!(
                        "cannot read rule pack folder `{}`: {}",
                        pack.value,
                        crate::walk::io_message(&e)
                    ),
                ));
                continue;
            }
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| crate::walk::is_sequence_file(p) && p.is_file())
            .collect();
        files.sort();
        for file in files {
            let origin = display_path(&file, cwd);
            let text = match std::fs::read_to_string(&file) {
                Ok(t) => t,
                Err(e) => {
                    errors.push(ConfigError::whole_file(
                        &origin,
                        crate::walk::io_message(&e),
                    ));
                    continue;
                }
            };
            match PhraseRule::load(&origin, &text) {
                Ok(rule) => {
                    let id = crate::rules::Rule::meta(&rule).id.to_string();
                    if let Some(first) = seen.get(&id) {
                        errors.push(ConfigError::whole_file(
                            &origin,
                            format!("rule id `{id}` is already defined by {first}"),
                        ));
                    } else {
                        seen.insert(id, origin.clone());
                        rules.push(rule);
                    }
                }
                Err(e) => errors.push(ConfigError {
                    file: e.origin,
                    line: e.line,
                    column: e.column,
                    message: format!("rule pack file does not load: {}", e.message),
                    help: None,
                }),
            }
        }
    }
    if errors.is_empty() {
        Ok(rules)
    } else {
        Err(errors)
    }
}

/// Known ids and categories, for did-you-mean on selectors.
fn selector_candidates(registry: &Registry) -> Vec<String> {
    let mut c: Vec<String> = registry.ids().map(str::to_string).collect();
    for id in registry.ids() {
        if let Some((cat, _)) = id.split_once('/') {
            let prefix = format!("{cat}/");
            if !c.contains(&prefix) {
                c.push(prefix);
            }
        }
    }
    c.push("all".into());
    c
}

/// Checks a rule selector against the registry; the error text has a did-you-mean.
pub fn check_selector(registry: &Registry, selector: &str) -> Result<(), (String, Option<String>)> {
    if registry.selector_matches(selector) {
        return Ok(());
    }
    let candidates = selector_candidates(registry);
    let help = did_you_mean(selector, candidates.iter().map(String::as_str))
        .map(|d| format!("did you mean `{d}`?"))
        .or_else(|| Some("`sellerlint rules` lists every rule id".into()));
    Err((format!("unknown rule or rule prefix `{selector}`"), help))
}

/// Path as the user should see it: relative to the working directory when inside it.
pub fn display_path(path: &Path, cwd: &Path) -> String {
    match path.strip_prefix(cwd) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel.display().to_string(),
        _ => path.display().to_string(),
    }
}

impl LoadedConfig {
    /// No config: built-in defaults, globs relative to `dir`.
    pub fn defaults(dir: &Path) -> LoadedConfig {
        LoadedConfig {
            path: None,
            dir: dir.to_path_buf(),
            file: ConfigFile::default(),
            registry: RegistryRef::Builtin,
            include: None,
            exclude: GlobSet::empty(),
            per_file: Vec::new(),
        }
    }

    /// Reads, parses and checks a config file (rule packs loaded, rule ids known).
    pub fn load(path: &Path, cwd: &Path) -> Result<LoadedConfig, Vec<ConfigError>> {
        let name = display_path(path, cwd);
        let text = std::fs::read_to_string(path).map_err(|e| {
            vec![ConfigError::whole_file(
                &name,
                format!(
                    "cannot read the config file: {}",
                    crate::walk::io_message(&e)
                ),
            )]
        })?;
        let file = parse_config(SourceFile::new(name.clone(), text))?;
        let Some(source) = file.source.clone() else {
            return Err(vec![ConfigError::whole_file(&name, "config not parsed")]);
        };
        let abs = absolute(path, cwd);
        let dir = abs
            .parent()
            .map_or_else(|| cwd.to_path_buf(), Path::to_path_buf);
        let registry = if file.rule_packs.is_empty() {
            RegistryRef::Builtin
        } else {
            let extra = load_rule_packs(&source, &dir, &file.rule_packs, cwd)?;
            RegistryRef::Extended(Rc::new(Registry::with_phrase_rules(extra)))
        };
        let mut errors = Vec::new();
        let all_levels = file
            .base
            .rules
            .iter()
            .chain(file.per_file.iter().flat_map(|p| p.overrides.rules.iter()));
        for rl in all_levels {
            if let Err((message, help)) = check_selector(&registry, &rl.selector) {
                errors.push(error_with_help(&source, rl.offset, message, help));
            }
        }
        let all_rule_options = file.base.rule_options.iter().chain(
            file.per_file
                .iter()
                .flat_map(|p| p.overrides.rule_options.iter()),
        );
        for entry in all_rule_options {
            errors.extend(check_rule_options(&registry, &source, entry));
        }
        let mut globs = |items: &[Item]| match glob_set(Some(&source), items) {
            Ok(g) => g,
            Err(e) => {
                errors.push(e);
                GlobSet::empty()
            }
        };
        let include = (!file.include.is_empty()).then(|| globs(&file.include));
        let exclude = globs(&file.exclude);
        let per_file = file
            .per_file
            .iter()
            .map(|p| globs(std::slice::from_ref(&p.glob)))
            .collect();
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(LoadedConfig {
            path: Some(abs),
            dir,
            file,
            registry,
            include,
            exclude,
            per_file,
        })
    }

    /// Does `exclude` cover this file (or a folder above it, below the config's folder)?
    pub fn is_excluded(&self, abs_path: &Path) -> bool {
        let rel = relative_to(abs_path, &self.dir);
        let names = match &rel {
            Some(r) => r.split('/').map(str::to_string).collect::<Vec<_>>(),
            None => abs_path
                .file_name()
                .map(|n| vec![n.to_string_lossy().into_owned()])
                .unwrap_or_default(),
        };
        if names.iter().any(|n| DEFAULT_EXCLUDE.contains(&n.as_str())) {
            return true;
        }
        rel.is_some_and(|rel| self.exclude.is_match(&rel))
    }

    /// Would a directory walk lint this file? (`include`, default: every `*.yaml`/`*.yml`.)
    pub fn is_included(&self, abs_path: &Path) -> bool {
        match &self.include {
            None => crate::walk::is_sequence_file(abs_path),
            Some(set) => relative_to(abs_path, &self.dir).is_some_and(|rel| set.is_match(&rel)),
        }
    }

    /// Indexes of the `per-file` entries that match a file, in file order.
    pub(super) fn per_file_matches(&self, abs_path: &Path) -> Vec<usize> {
        let Some(rel) = relative_to(abs_path, &self.dir) else {
            return Vec::new();
        };
        self.per_file
            .iter()
            .enumerate()
            .filter(|(_, set)| set.is_match(&rel))
            .map(|(i, _)| i)
            .collect()
    }
}

/// Finds and caches configs, and builds each file's settings.
pub struct Resolver {
    cli: CliOverrides,
    cwd: PathBuf,
    forced: Option<Rc<LoadedConfig>>,
    by_dir: HashMap<PathBuf, Rc<LoadedConfig>>,
    by_path: HashMap<PathBuf, Rc<LoadedConfig>>,
    defaults: Rc<LoadedConfig>,
    /// Settings per config and set of matching `per-file` entries: files that share them
    /// share one resolution (profiles are parsed once, not per file).
    settings: HashMap<(usize, Vec<usize>), std::sync::Arc<Settings>>,
}

impl Resolver {
    /// Checks the command line's selectors and loads `--config`, if given.
    pub fn new(cli: CliOverrides, cwd: PathBuf) -> Result<Resolver, Vec<ConfigError>> {
        let defaults = Rc::new(LoadedConfig::defaults(&cwd));
        let forced = if let Some(path) = &cli.config {
            Some(Rc::new(LoadedConfig::load(path, &cwd)?))
        } else if cli.no_config {
            Some(defaults.clone())
        } else {
            None
        };
        if let Some(p) = &cli.profile {
            Profile::named(p).map_err(|e| vec![ConfigError::whole_file("--profile", e)])?;
        }
        Ok(Resolver {
            cli,
            cwd,
            forced,
            by_dir: HashMap::new(),
            by_path: HashMap::new(),
            defaults,
            settings: HashMap::new(),
        })
    }

    pub fn cwd(&self) -> &Path {
        &self.cwd
    }

    /// The absolute form of a path given on the command line.
    pub fn absolute(&self, path: &Path) -> PathBuf {
        absolute(path, &self.cwd)
    }

    /// The config that applies to a file (or directory: its own folder is searched first).
    pub fn config_for(&mut self, path: &Path) -> Result<Rc<LoadedConfig>, Vec<ConfigError>> {
        if let Some(forced) = &self.forced {
            return Ok(forced.clone());
        }
        let abs = self.absolute(path);
        let start = if abs.is_dir() {
            abs.clone()
        } else {
            abs.parent().map_or_else(|| abs.clone(), Path::to_path_buf)
        };
        let mut visited = Vec::new();
        let mut found = None;
        for dir in start.ancestors() {
            if let Some(c) = self.by_dir.get(dir) {
                found = Some(c.clone());
                break;
            }
            visited.push(dir.to_path_buf());
            let candidate = CONFIG_NAMES
                .iter()
                .map(|n| dir.join(n))
                .find(|p| p.is_file());
            if let Some(file) = candidate {
                let loaded = match self.by_path.get(&file) {
                    Some(c) => c.clone(),
                    None => {
                        let c = Rc::new(LoadedConfig::load(&file, &self.cwd)?);
                        self.by_path.insert(file, c.clone());
                        c
                    }
                };
                found = Some(loaded);
                break;
            }
        }
        let config = found.unwrap_or_else(|| self.defaults.clone());
        for dir in visited {
            self.by_dir.insert(dir, config.clone());
        }
        Ok(config)
    }

    /// The settings for one file under its config and the command line.
    pub fn setup_for(&mut self, path: &Path) -> Result<FileSetup, Vec<ConfigError>> {
        let config = self.config_for(path)?;
        let abs = self.absolute(path);
        let matches = config.per_file_matches(&abs);
        let key = (Rc::as_ptr(&config) as usize, matches.clone());
        if let Some(settings) = self.settings.get(&key) {
            return Ok(FileSetup {
                registry: config.registry.clone(),
                settings: settings.clone(),
                config,
            });
        }
        let file = &config.file;
        let mut profile_name = file.base.profile.as_ref().map(|p| p.value.clone());
        let mut marketplace = file.base.marketplace.as_ref().map(|m| m.value.clone());
        let mut levels: Vec<(String, Option<Severity>)> = file
            .base
            .rules
            .iter()
            .map(|r| (r.selector.clone(), r.level))
            .collect();
        for &i in &matches {
            let o = &file.per_file[i].overrides;
            if let Some(p) = &o.profile {
                profile_name = Some(p.value.clone());
            }
            if let Some(m) = &o.marketplace {
                marketplace = Some(m.value.clone());
            }
            levels.extend(o.rules.iter().map(|r| (r.selector.clone(), r.level)));
        }
        if let Some(p) = &self.cli.profile {
            profile_name = Some(p.clone());
        }
        let name = profile_name.unwrap_or_else(|| DEFAULT_PROFILE.to_string());
        let mut profile = Profile::named(&name).map_err(|e| {
            vec![ConfigError::whole_file(
                &config
                    .path
                    .as_ref()
                    .map_or_else(|| "--profile".to_string(), |p| display_path(p, &self.cwd)),
                e,
            )]
        })?;
        super::settings::apply_settings(
            &mut profile.settings,
            super::settings::entries_for(file, &matches)
                .into_iter()
                .map(|(entry, _)| entry),
            file.source.as_ref(),
        )?;
        let registry = config.registry.clone();
        let mut settings = Settings::new(profile);
        settings.levels = levels;
        self.apply_cli_selection(&registry, &mut settings, &config)?;
        settings.default_marketplace = marketplace;
        settings.require_reason = self.cli.require_reason || file.require_reason;
        settings.rule_options = resolve_rule_options(file, &matches);
        let settings = std::sync::Arc::new(settings);
        self.settings.insert(key, settings.clone());
        Ok(FileSetup {
            config,
            settings,
            registry,
        })
    }

    /// Turns `--select`/`--ignore`/`--extend-select` into exact-id levels (the most specific
    /// kind of key, so they beat every config key).
    fn apply_cli_selection(
        &self,
        registry: &Registry,
        settings: &mut Settings,
        config: &LoadedConfig,
    ) -> Result<(), Vec<ConfigError>> {
        let cli = &self.cli;
        if cli.select.is_empty() && cli.ignore.is_empty() && cli.extend_select.is_empty() {
            return Ok(());
        }
        let mut errors = Vec::new();
        for (flag, list) in [
            ("--select", &cli.select),
            ("--ignore", &cli.ignore),
            ("--extend-select", &cli.extend_select),
        ] {
            for s in list {
                if let Err((message, help)) = check_selector(registry, s) {
                    let under = config
                        .path
                        .as_ref()
                        .map(|p| format!(" (rules of {})", display_path(p, &self.cwd)))
                        .unwrap_or_default();
                    errors.push(ConfigError {
                        file: flag.to_string(),
                        line: None,
                        column: None,
                        message: format!("{message}{under}"),
                        help,
                    });
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let covers = |list: &[String], id: &str| list.iter().any(|s| selector_covers(s, id));
        let mut exact = Vec::new();
        for rule in &registry.rules {
            let meta = rule.meta();
            let id = meta.id.as_ref();
            let configured = settings.severity(id, meta.severity);
            let wanted = if covers(&cli.ignore, id) {
                None
            } else if covers(&cli.select, id) || covers(&cli.extend_select, id) {
                configured
                    .or_else(|| settings.profile.severity(id, meta.severity))
                    .or(Some(meta.severity))
            } else if !cli.select.is_empty() {
                None
            } else {
                configured
            };
            if wanted != configured {
                exact.push((id.to_string(), wanted));
            }
        }
        settings.levels.extend(exact);
        Ok(())
    }

    /// Each rule's level for a file and the key it comes from (`sellerlint config`).
    pub fn explain_levels(setup: &FileSetup) -> Vec<ResolvedRule> {
        let mut out = Vec::new();
        for rule in &setup.registry.rules {
            let meta = rule.meta();
            let id = meta.id.as_ref();
            let mut best: Option<(usize, &str)> = None;
            for (selector, _) in &setup.settings.levels {
                if selector_covers(selector, id) {
                    let spec = if selector == "all" {
                        0
                    } else {
                        selector.trim_end_matches('/').len() + 1
                    };
                    if best.is_none_or(|(s, _)| spec >= s) {
                        best = Some((spec, selector));
                    }
                }
            }
            let origin = match best {
                Some((_, sel)) => format!("rules: {sel}"),
                None if setup.settings.profile.severities.contains_key(id) => {
                    format!("profile {}", setup.settings.profile.name)
                }
                None => "default".to_string(),
            };
            out.push(ResolvedRule {
                id: id.to_string(),
                level: setup.settings.severity(id, meta.severity),
                origin,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(patterns: &[&str]) -> GlobSet {
        let items: Vec<Item> = patterns
            .iter()
            .map(|p| Item {
                value: p.to_string(),
                offset: 0,
            })
            .collect();
        glob_set(None, &items).unwrap()
    }

    #[test]
    fn globs_follow_gitignore_habits() {
        let s = set(&["drafts", "old/*.yaml", "*.bak.yaml"]);
        assert!(s.is_match("drafts/a.yaml"));
        assert!(s.is_match("x/drafts/y/a.yaml"));
        assert!(s.is_match("old/a.yaml"));
        assert!(!s.is_match("old/keep/a.yaml"));
        assert!(
            !s.is_match("x/old/a.yaml"),
            "a pattern with `/` is anchored"
        );
        assert!(s.is_match("deep/a.bak.yaml"));
        assert!(!s.is_match("draftsman.yaml"));
    }

    #[test]
    fn paths_are_normalised_without_touching_the_disk() {
        let cwd = Path::new("/w/p");
        assert_eq!(
            absolute(Path::new("./a/../b/c.yaml"), cwd),
            Path::new("/w/p/b/c.yaml")
        );
        assert_eq!(
            relative_to(Path::new("/w/p/b/c.yaml"), cwd).as_deref(),
            Some("b/c.yaml")
        );
        assert_eq!(relative_to(Path::new("/elsewhere/c.yaml"), cwd), None);
    }
}
