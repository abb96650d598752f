//! The catalog file's encoding, `iam-catalog/1`, and its decoding into the catalog model. The file is
//! gzip-compressed JSON written by `scripts/gen-catalog.mjs`; records are positional arrays and
//! condition keys and resource types are referred to by index within their service, which keeps the
//! file small and the parse fast. Trailing empty arrays are left out by the generator, so every
//! trailing field defaults to empty. `docs/catalog.md` describes the layout for people.

use std::io::Read;

use flate2::read::GzDecoder;
use serde::Deserialize;

use super::{
    cmp_ignore_ascii_case, AccessLevel, Action, ActionResourceType, Catalog, CatalogError, CatalogErrorKind, ConditionKey, DataSource, ResourceType, Service,
};

/// The only encoding this engine reads.
pub(super) const FORMAT: &str = "iam-catalog/1";

#[derive(Deserialize)]
struct RawCatalog {
    format: String,
    data_version: String,
    #[serde(default)]
    sources: Vec<RawSource>,
    access_levels: Vec<String>,
    value_types: Vec<String>,
    services: Vec<RawService>,
}

#[derive(Deserialize)]
struct RawSource {
    package: String,
    version: String,
    #[serde(default)]
    updated_at: Option<String>,
    #[serde(default)]
    used_for: String,
    #[serde(default)]
    license: String,
}

/// `[prefix, name, [[key name, value type index]], [resource type], [action]]`.
#[derive(Deserialize)]
struct RawService(String, String, #[serde(default)] Vec<(String, usize)>, #[serde(default)] Vec<RawResourceType>, #[serde(default)] Vec<RawAction>);

/// `[name, [ARN format], [condition key index]]`.
#[derive(Deserialize)]
struct RawResourceType(String, #[serde(default)] Vec<String>, #[serde(default)] Vec<usize>);

/// `[name, access level index, [action resource type], [condition key index], [dependent action]]`.
#[derive(Deserialize)]
struct RawAction(String, usize, #[serde(default)] Vec<RawActionResourceType>, #[serde(default)] Vec<usize>, #[serde(default)] Vec<String>);

/// `[resource type index, required (0 or 1), [condition key index], [dependent action]]`.
#[derive(Deserialize)]
struct RawActionResourceType(usize, u8, #[serde(default)] Vec<usize>, #[serde(default)] Vec<String>);

/// Only the format tag, read first so a newer file gets `UnknownFormat` rather than a shape error.
#[derive(Deserialize)]
struct FormatProbe {
    format: Option<String>,
}

pub(super) fn decode_gzip(bytes: &[u8], max_decompressed_bytes: u64) -> Result<Catalog, CatalogError> {
    let mut json = Vec::with_capacity(bytes.len().saturating_mul(6));
    let mut decoder = GzDecoder::new(bytes).take(max_decompressed_bytes + 1);
    decoder.read_to_end(&mut json).map_err(|error| CatalogError::new(CatalogErrorKind::BadGzip, format!("not a gzip file: {error}")))?;
    if json.len() as u64 > max_decompressed_bytes {
        return Err(CatalogError::new(CatalogErrorKind::TooLarge, format!("decompresses to more than {max_decompressed_bytes} bytes")));
    }
    decode_json(&json)
}

pub(super) fn decode_json(json: &[u8]) -> Result<Catalog, CatalogError> {
    let raw: RawCatalog = serde_json::from_slice(json).map_err(|error| match serde_json::from_slice::<FormatProbe>(json) {
        Ok(FormatProbe { format: Some(format) }) if format != FORMAT => {
            CatalogError::new(CatalogErrorKind::UnknownFormat, format!("the file is in format {format:?}; this engine reads {FORMAT:?}"))
        }
        _ => CatalogError::new(CatalogErrorKind::BadJson, format!("not a catalog file: {error}")),
    })?;
    if raw.format != FORMAT {
        return Err(CatalogError::new(CatalogErrorKind::UnknownFormat, format!("the file is in format {:?}; this engine reads {FORMAT:?}", raw.format)));
    }
    let access_levels = raw
        .access_levels
        .into_iter()
        .map(|text| match AccessLevel::parse(&text) {
            Some(level) => Ok((level, text)),
            None => Err(inconsistent(format!("unknown access level {text:?}"))),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut services = raw.services.into_iter().map(|service| decode_service(service, &access_levels, &raw.value_types)).collect::<Result<Vec<_>, _>>()?;
    services.sort_by(|left, right| cmp_ignore_ascii_case(&left.prefix, &right.prefix));
    let sources = raw
        .sources
        .into_iter()
        .map(|source| DataSource {
            package: source.package,
            version: source.version,
            updated_at: source.updated_at,
            used_for: source.used_for,
            license: source.license,
        })
        .collect();
    Ok(Catalog { data_version: raw.data_version, sources, services })
}

fn decode_service(raw: RawService, access_levels: &[(AccessLevel, String)], value_types: &[String]) -> Result<Service, CatalogError> {
    let RawService(prefix, name, raw_condition_keys, raw_resource_types, raw_actions) = raw;
    let condition_keys = raw_condition_keys
        .into_iter()
        .map(|(key_name, value_type)| match value_types.get(value_type) {
            Some(value_type) => Ok(ConditionKey { name: key_name, value_type: value_type.clone() }),
            None => Err(inconsistent(format!("service {prefix}, condition key {key_name}: value type {value_type} is not in the table"))),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let key_names = |indexes: Vec<usize>, context: &dyn Fn() -> String| -> Result<Vec<String>, CatalogError> {
        indexes
            .into_iter()
            .map(|index| match condition_keys.get(index) {
                Some(condition_key) => Ok(condition_key.name.clone()),
                None => Err(inconsistent(format!("service {prefix}, {}: condition key {index} is not defined", context()))),
            })
            .collect()
    };

    let mut resource_types = Vec::with_capacity(raw_resource_types.len());
    for RawResourceType(type_name, arn_formats, key_indexes) in raw_resource_types {
        if type_name.is_empty() {
            return Err(inconsistent(format!("service {prefix}: a resource type has no name")));
        }
        let condition_keys = key_names(key_indexes, &|| format!("resource type {type_name}"))?;
        resource_types.push(ResourceType { name: type_name, arn_formats, condition_keys });
    }

    let mut actions = Vec::with_capacity(raw_actions.len());
    for RawAction(action_name, level_index, raw_entries, key_indexes, dependent_actions) in raw_actions {
        let Some((access_level, access_level_text)) = access_levels.get(level_index) else {
            return Err(inconsistent(format!("action {prefix}:{action_name}: access level {level_index} is not in the table")));
        };
        let mut entries = Vec::with_capacity(raw_entries.len());
        for RawActionResourceType(type_index, required, entry_key_indexes, entry_dependent_actions) in raw_entries {
            let Some(resource_type) = resource_types.get(type_index) else {
                return Err(inconsistent(format!("action {prefix}:{action_name}: resource type {type_index} is not defined")));
            };
            entries.push(ActionResourceType {
                name: resource_type.name.clone(),
                required: required != 0,
                condition_keys: key_names(entry_key_indexes, &|| format!("action {action_name}, resource type {}", resource_type.name))?,
                dependent_actions: entry_dependent_actions,
            });
        }
        actions.push(Action {
            condition_keys: key_names(key_indexes, &|| format!("action {action_name}"))?,
            name: action_name,
            access_level: *access_level,
            access_level_text: access_level_text.clone(),
            resource_types: entries,
            dependent_actions,
        });
    }

    // Lookups binary-search these lists; the generator writes them sorted, but the order is the
    // engine's invariant, so establish it here (cheap on sorted input).
    actions.sort_by(|left, right| cmp_ignore_ascii_case(&left.name, &right.name));
    resource_types.sort_by(|left, right| cmp_ignore_ascii_case(&left.name, &right.name));
    let mut condition_keys = condition_keys;
    condition_keys.sort_by(|left, right| cmp_ignore_ascii_case(&left.name, &right.name));
    Ok(Service { prefix, name, actions, resource_types, condition_keys })
}

fn inconsistent(message: String) -> CatalogError {
    CatalogError::new(CatalogErrorKind::Inconsistent, message)
}
