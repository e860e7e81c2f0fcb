/**
 * Storage → Slack's JSON objects (conversation, user, message, file, bookmark, user
 * group), as the Web API answers them. Fields Slack always sends but the twin does not
 * model are constants here, so storage holds nothing twice.
 */
import { type SlackBookmark, type SlackChannel, type SlackFile, type SlackMessage, type SlackState, type SlackUser, type Usergroup } from "../state.js";

export const workspaceUrl = (state: SlackState) => `https://${state.team.domain}.slack.com/`;

export function permalink(state: SlackState, channel: SlackChannel, message: Pick<SlackMessage, "ts" | "thread_ts">): string {
  const base = `${workspaceUrl(state)}archives/${channel.id}/p${message.ts.replace(".", "")}`;
  return message.thread_ts && message.thread_ts !== message.ts ? `${base}?thread_ts=${message.thread_ts}&cid=${channel.id}` : base;
}

export function wireChannel(state: SlackState, channel: SlackChannel, viewer: string, options: { numMembers?: boolean } = {}) {
  if (channel.is_im) {
    return {
      id: channel.id,
      created: channel.created,
      is_im: true,
      is_org_shared: false,
      context_team_id: state.team.id,
      updated: channel.created * 1000,
      user: channel.members.find((m) => m !== viewer) ?? channel.user ?? viewer,
      is_user_deleted: false,
      priority: 0,
      is_open: channel.is_open,
      last_read: channel.last_read,
    };
  }
  return {
    id: channel.id,
    name: channel.name,
    is_channel: channel.is_channel,
    is_group: channel.is_group,
    is_im: false,
    is_mpim: channel.is_mpim,
    is_private: channel.is_private,
    created: channel.created,
    is_archived: channel.is_archived,
    is_general: channel.is_general,
    unlinked: 0,
    name_normalized: channel.name,
    is_shared: false,
    is_org_shared: false,
    is_pending_ext_shared: false,
    pending_shared: [],
    context_team_id: state.team.id,
    updated: channel.created * 1000,
    parent_conversation: null,
    creator: channel.creator,
    is_ext_shared: false,
    shared_team_ids: [state.team.id],
    is_member: channel.members.includes(viewer),
    last_read: channel.members.includes(viewer) ? channel.last_read : undefined,
    topic: { ...channel.topic },
    purpose: { ...channel.purpose },
    previous_names: [],
    ...(options.numMembers === false ? {} : { num_members: channel.members.length }),
  };
}

const AVATAR = "https://a.slack-edge.com/80588/img/avatars/ava_0010-";

export function wireProfile(state: SlackState, user: SlackUser, { email = true } = {}) {
  return {
    title: user.title,
    phone: "",
    skype: "",
    real_name: user.real_name,
    real_name_normalized: user.real_name,
    display_name: user.display_name,
    display_name_normalized: user.display_name,
    fields: null,
    status_text: "",
    status_emoji: "",
    status_expiration: 0,
    avatar_hash: "g0000000000a",
    ...(email && user.email !== null ? { email: user.email } : {}),
    first_name: user.real_name.split(" ")[0] ?? "",
    last_name: user.real_name.split(" ").slice(1).join(" "),
    image_24: `${AVATAR}24.png`,
    image_32: `${AVATAR}32.png`,
    image_48: `${AVATAR}48.png`,
    image_72: `${AVATAR}72.png`,
    image_192: `${AVATAR}192.png`,
    image_512: `${AVATAR}512.png`,
    ...(user.bot_id ? { bot_id: user.bot_id, always_active: true } : {}),
    ...user.profile,
    team: state.team.id,
  };
}

export function wireUser(state: SlackState, user: SlackUser, options: { email?: boolean } = {}) {
  return {
    id: user.id,
    team_id: state.team.id,
    name: user.name,
    deleted: user.deleted,
    color: "9f69e7",
    real_name: user.real_name,
    tz: user.tz,
    tz_label: user.tz === "UTC" ? "Coordinated Universal Time" : "Pacific Standard Time",
    tz_offset: user.tz === "UTC" ? 0 : -28800,
    profile: wireProfile(state, user, options),
    is_admin: user.is_admin,
    is_owner: user.is_owner,
    is_primary_owner: user.is_owner,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: user.is_bot,
    is_app_user: false,
    updated: user.updated,
    is_email_confirmed: user.email !== null,
    who_can_share_contact_card: "EVERYONE",
  };
}

export function wireMessage(state: SlackState, channel: SlackChannel, message: SlackMessage, options: { files?: boolean } = {}) {
  const isParent = message.reply_count !== undefined && message.reply_count > 0;
  const files = options.files === false ? undefined : message.files?.map((id) => state.files.find((f) => f.id === id)).filter((f): f is SlackFile => f !== undefined);
  const pinned = channel.pins.some((p) => p.ts === message.ts);
  return {
    type: "message" as const,
    ...(message.subtype ? { subtype: message.subtype } : {}),
    user: message.user,
    text: message.text,
    ts: message.ts,
    team: state.team.id,
    ...(message.bot_id ? { bot_id: message.bot_id, app_id: "A0POMETWIN" } : {}),
    ...(message.username ? { username: message.username } : {}),
    ...(message.icons ? { icons: message.icons } : {}),
    ...(message.blocks ? { blocks: message.blocks } : {}),
    ...(message.attachments ? { attachments: message.attachments } : {}),
    ...(files && files.length > 0 ? { files: files.map((f) => wireFile(state, f)), upload: true } : {}),
    ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
    ...(message.thread_ts && message.thread_ts !== message.ts ? { parent_user_id: parentUser(channel, message.thread_ts) } : {}),
    ...(isParent
      ? { reply_count: message.reply_count, reply_users_count: message.reply_users?.length ?? 0, latest_reply: message.latest_reply, reply_users: message.reply_users, is_locked: false, subscribed: false }
      : {}),
    ...(message.edited ? { edited: { ...message.edited } } : {}),
    ...(message.reactions.length > 0 ? { reactions: message.reactions.map((r) => ({ name: r.name, users: [...r.users], count: r.users.length })) } : {}),
    ...(pinned ? { pinned_to: [channel.id] } : {}),
  };
}

function parentUser(channel: SlackChannel, threadTs: string): string | undefined {
  return channel.messages.find((m) => m.ts === threadTs)?.user;
}

const FILE_HOST = "https://files.slack.com";

export function wireFile(state: SlackState, file: SlackFile, options: { content?: boolean } = {}) {
  const shared = file.channels.map((id) => state.channels.find((c) => c.id === id)).filter((c): c is SlackChannel => c !== undefined);
  return {
    id: file.id,
    created: file.created,
    timestamp: file.created,
    name: file.name,
    title: file.title,
    mimetype: file.mimetype,
    filetype: file.filetype,
    pretty_type: file.filetype === "canvas" ? "Canvas" : file.filetype.toUpperCase(),
    user: file.user,
    user_team: state.team.id,
    editable: file.filetype === "canvas" || file.mimetype.startsWith("text/"),
    size: file.size,
    mode: file.filetype === "canvas" ? "quip" : "hosted",
    is_external: false,
    external_type: "",
    is_public: shared.some((c) => !c.is_private && !c.is_im && !c.is_mpim),
    public_url_shared: false,
    display_as_bot: false,
    username: "",
    url_private: `${FILE_HOST}/files-pri/${state.team.id}-${file.id}/${encodeURIComponent(file.name)}`,
    url_private_download: `${FILE_HOST}/files-pri/${state.team.id}-${file.id}/download/${encodeURIComponent(file.name)}`,
    permalink: `${workspaceUrl(state)}files/${file.user}/${file.id}/${encodeURIComponent(file.name)}`,
    ...(file.alt_txt ? { alt_txt: file.alt_txt } : {}),
    channels: shared.filter((c) => !c.is_private && !c.is_im && !c.is_mpim).map((c) => c.id),
    groups: shared.filter((c) => c.is_private && !c.is_im).map((c) => c.id),
    ims: shared.filter((c) => c.is_im).map((c) => c.id),
    comments_count: 0,
    ...(options.content && file.content !== null ? { preview: file.content.slice(0, 1000), content: file.content } : {}),
  };
}

export function wireBookmark(state: SlackState, channel: SlackChannel, bookmark: SlackBookmark, rank: number) {
  return {
    id: bookmark.id,
    channel_id: channel.id,
    title: bookmark.title,
    link: bookmark.link,
    emoji: bookmark.emoji,
    icon_url: null,
    type: bookmark.type,
    entity_id: null,
    date_created: bookmark.created,
    date_updated: bookmark.updated,
    rank: String.fromCharCode(97 + Math.min(rank, 25)),
    last_updated_by_user_id: bookmark.updated_by,
    last_updated_by_team_id: state.team.id,
    shortcut_id: null,
    app_id: null,
  };
}

export function wireUsergroup(state: SlackState, group: Usergroup, options: { users?: boolean } = {}) {
  return {
    id: group.id,
    team_id: state.team.id,
    is_usergroup: true,
    is_subteam: true,
    name: group.name,
    description: group.description,
    handle: group.handle,
    is_external: false,
    date_create: group.date_create,
    date_update: group.date_update,
    date_delete: 0,
    auto_type: null,
    auto_provision: false,
    enterprise_subteam_id: "",
    created_by: group.created_by,
    updated_by: group.created_by,
    deleted_by: null,
    prefs: { channels: [...group.channels], groups: [] },
    user_count: group.users.length,
    ...(options.users ? { users: [...group.users] } : {}),
  };
}
