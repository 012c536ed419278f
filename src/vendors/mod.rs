//! One file per vendor: every rule, builder and reply decoder of that vendor
//! lives there. Adding an endpoint means adding its `Endpoint` (and
//! fixtures under `tests/fixtures/<id>/`) and listing it in [`ALL`].

use crate::model::endpoint::Endpoint;

pub mod dingtalk;
pub mod ekuaibao;
pub mod feishu;
pub mod fxiaoke;
pub mod wecom;

/// Every endpoint, in a stable order.
pub static ALL: &[&Endpoint] = &[
    &fxiaoke::UPDATE_MEMBER,
    &fxiaoke::SET_MEMBER_STATUS_BATCH,
    &fxiaoke::SET_MEMBER_STATUS,
    &dingtalk::UPDATE_EMPLOYEE_ROSTER,
    &dingtalk::UPDATE_USER,
    &ekuaibao::UPDATE_STAFF,
    &ekuaibao::BATCH_UPDATE_STAFF,
    &wecom::UPDATE_USER,
    &feishu::PATCH_USER,
    &wecom::CREATE_USER,
    &wecom::DELETE_USER,
    &wecom::BATCH_DELETE_USER,
    &feishu::CREATE_USER,
    &feishu::DELETE_USER,
    &dingtalk::CREATE_USER,
    &dingtalk::DELETE_USER,
    &ekuaibao::CREATE_STAFF,
    &ekuaibao::BATCH_CREATE_STAFF,
    &ekuaibao::SET_STAFF_ACTIVE,
];
