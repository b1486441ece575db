// Generated from the server's OpenAPI document by admin-web/scripts/openapi-types.mjs.
// Do not edit: run `npm run api:types -w admin-web` (a component test fails when stale).

export interface paths {
  '/api/admin/broadcasts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['BroadcastsController_list'];
    put?: never;
    post: operations['BroadcastsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/broadcasts/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['BroadcastsController_get'];
    put: operations['BroadcastsController_update'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/broadcasts/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['BroadcastsController_cancel'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/broadcasts/{id}/recipients': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['BroadcastsController_recipients'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/broadcasts/{id}/remind': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['BroadcastsController_remind'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/broadcasts/{id}/results': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['BroadcastsController_results'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/broadcasts/{id}/results/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['BroadcastsController_refresh'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/broadcasts/calendar': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['BroadcastsController_calendar'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/broadcasts/personal': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['BroadcastsController_personal'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/broadcasts/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['BroadcastsController_preview'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/broadcasts/settings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['BroadcastsController_settings'];
    put: operations['BroadcastsController_setSettings'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/callback-events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['CallbackEventsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/callback-events/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['CallbackEventsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/callback-events/{id}/replay': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['CallbackEventsController_replayOne'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/callback-events/counts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['CallbackEventsController_counts'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/callback-events/replay': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['CallbackEventsController_replay'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/campaigns/calendar': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['CampaignsController_calendar'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/campaigns/clashes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['CampaignsController_clashes'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/channels': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ChannelsController_list'];
    put?: never;
    post: operations['ChannelsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/channels/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ChannelsController_get'];
    put?: never;
    post?: never;
    delete: operations['ChannelsController_remove'];
    options?: never;
    head?: never;
    patch: operations['ChannelsController_update'];
    trace?: never;
  };
  '/api/admin/channels/{id}/pool': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ChannelsController_pool'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/channels/{id}/pool/sync': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['ChannelsController_syncPool'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/channels/{id}/stats': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ChannelsController_channelFunnel'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/channels/stats': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ChannelsController_funnel'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/channels/stats.csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ChannelsController_funnelCsv'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/chat-archive/customers/{externalUserId}/messages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ChatArchiveAdminController_history'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/chat-archive/ingest-token': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['ChatArchiveAdminController_rotateToken'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/chat-archive/pull': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['ChatArchiveAdminController_pull'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/chat-archive/settings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ChatArchiveAdminController_settings'];
    put: operations['ChatArchiveAdminController_update'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/chat-rules': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ChatRulesController_list'];
    put?: never;
    post: operations['ChatRulesController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/chat-rules/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ChatRulesController_get'];
    put: operations['ChatRulesController_update'];
    post?: never;
    delete: operations['ChatRulesController_remove'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/chat-rules/{id}/back-apply': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['ChatRulesController_startBackApply'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/chat-rules/{id}/back-apply/{jobId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ChatRulesController_backApplyStatus'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/chat-rules/{id}/enabled': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put: operations['ChatRulesController_setEnabled'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/chat-rules/customer-marks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ChatRulesController_customerMarks'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/chat-rules/dry-run': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['ChatRulesController_dryRun'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/chat-rules/test': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['ChatRulesController_test'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/corps': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['CorpController_list'];
    put?: never;
    post: operations['CorpController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/corps/{corpId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['CorpController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch: operations['CorpController_update'];
    trace?: never;
  };
  '/api/admin/corps/{corpId}/audience/count': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['AudienceController_count'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/corps/{corpId}/audience/exports': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ExportsController_list'];
    put?: never;
    post: operations['ExportsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/corps/{corpId}/audience/exports/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ExportsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/corps/{corpId}/audience/exports/{id}/file': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ExportsController_file'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/corps/{corpId}/segments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['SegmentsController_list'];
    put?: never;
    post: operations['SegmentsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/corps/{corpId}/segments/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['SegmentsController_get'];
    put?: never;
    post?: never;
    delete: operations['SegmentsController_delete'];
    options?: never;
    head?: never;
    patch: operations['SegmentsController_update'];
    trace?: never;
  };
  '/api/admin/corps/{corpId}/segments/{id}/count': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['SegmentsController_refreshCount'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/corps/{corpId}/staff-roles': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['StaffRolesController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/corps/{corpId}/staff-roles/{userId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put: operations['StaffRolesController_grant'];
    post?: never;
    delete: operations['StaffRolesController_revoke'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/customers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['CustomersController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/customers/{corpId}/{externalUserId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['CustomersController_detail'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/customers/{corpId}/{externalUserId}/timeline': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['CustomersController_timeline'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/customers/query': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['CustomersController_query'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/dashboard': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['DashboardController_numbers'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/departments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['StaffController_departments'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/follow-ups/{corpId}/{externalUserId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['FollowUpsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/groups': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['GroupsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/groups/{corpId}/{chatId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['GroupsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/groups/stats/daily': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['GroupsController_daily'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/jobs/{queue}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['JobsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/jobs/{queue}/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['JobsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/jobs/{queue}/{id}/retry': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['JobsController_retry'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/jobs/counts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['JobsController_counts'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/jobs/self-test': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['JobsController_selfTest'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/media': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['MediaController_list'];
    put?: never;
    post: operations['MediaController_upload'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/media/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['MediaController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/media/{id}/content': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['MediaController_content'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/moments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['MomentsController_list'];
    put?: never;
    post: operations['MomentsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/moments/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['MomentsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch: operations['MomentsController_update'];
    trace?: never;
  };
  '/api/admin/moments/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['MomentsController_cancel'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/moments/{id}/customers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['MomentsController_customers'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/moments/{id}/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['MomentsController_refresh'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/moments/{id}/results': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['MomentsController_results'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/moments/personal': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['MomentsController_personal'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/quick-replies/folders': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['QuickRepliesController_folders'];
    put?: never;
    post: operations['QuickRepliesController_createFolder'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/quick-replies/folders/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put: operations['QuickRepliesController_updateFolder'];
    post?: never;
    delete: operations['QuickRepliesController_deleteFolder'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/quick-replies/folders/{id}/items/order': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put: operations['QuickRepliesController_reorderItems'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/quick-replies/folders/order': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put: operations['QuickRepliesController_reorderFolders'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/quick-replies/items': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['QuickRepliesController_items'];
    put?: never;
    post: operations['QuickRepliesController_createItem'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/quick-replies/items/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put: operations['QuickRepliesController_updateItem'];
    post?: never;
    delete: operations['QuickRepliesController_deleteItem'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/quick-replies/settings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['QuickRepliesController_settings'];
    put: operations['QuickRepliesController_updateSettings'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/staff': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['StaffController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/sync/{corpId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['SyncController_runs'];
    put?: never;
    post: operations['SyncController_start'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/tags': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['TagsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/tags/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch: operations['TagsController_edit'];
    trace?: never;
  };
  '/api/admin/tags/customers/{externalUserId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['TagOpsController_changeCustomer'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/tags/delete': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['TagsController_remove'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/tags/groups': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['TagsController_createGroup'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/tags/groups/{id}/tags': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['TagsController_addTags'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/tags/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['TagOpsController_importMarks'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/tags/jobs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['TagOpsController_listJobs'];
    put?: never;
    post: operations['TagOpsController_startJob'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/tags/jobs/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['TagOpsController_getJob'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/tags/jobs/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['TagOpsController_cancelJob'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/tags/library': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['TagsController_view'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/tags/pushes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['TagsController_pushes'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/tags/pushes/{id}/retry': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['TagsController_retry'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/tags/reorder': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['TagsController_reorder'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/tags/sync': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['TagsController_sync'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/transfers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['TransfersController_list'];
    put?: never;
    post: operations['TransfersController_start'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/transfers/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['TransfersController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/transfers/{id}/poll': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['TransfersController_poll'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/transfers/{id}/retry': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['TransfersController_retry'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/transfers/audit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['TransfersController_audit'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/transfers/departures': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['TransfersController_listDepartures'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/transfers/departures/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['TransfersController_refreshDepartures'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/transfers/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['TransfersController_preview'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['AdminUsersController_list'];
    put?: never;
    post: operations['AdminUsersController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/users/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['AdminUsersController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch: operations['AdminUsersController_update'];
    trace?: never;
  };
  '/api/admin/users/{id}/disable': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['AdminUsersController_disable'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/users/{id}/enable': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['AdminUsersController_enable'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/users/{id}/password': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['AdminUsersController_resetPassword'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['AuthController_login'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['AuthController_me'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/wecom/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['StaffLoginController_login'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/wecom/login-url': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['StaffLoginController_loginUrl'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/chat-archive/messages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['ChatArchiveIngestController_ingest'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/setup/admin': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['SetupController_createFirstAdmin'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/setup/corps': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['SetupController_registerCorp'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/setup/corps/{corpId}/callback': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['SetupController_callback'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/setup/corps/{corpId}/callback/regenerate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['SetupController_regenerate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/setup/corps/{corpId}/check': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['SetupController_check'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/setup/status': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['SetupController_status'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/sidebar/customers/{externalUserId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['SidebarCustomersController_profile'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/sidebar/customers/{externalUserId}/follow-ups': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['SidebarCustomersController_addFollowUp'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/sidebar/customers/{externalUserId}/tags': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put: operations['SidebarCustomersController_updateTags'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/sidebar/groups/{chatId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['SidebarCustomersController_group'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/sidebar/jssdk/agent-config-signature': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['SidebarController_agentConfigSignature'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/sidebar/jssdk/config-signature': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['SidebarController_configSignature'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/sidebar/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['SidebarController_me'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/sidebar/oauth-url': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['SidebarController_oauthUrl'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/sidebar/quick-replies': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['SidebarQuickRepliesController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/sidebar/quick-replies/items/{id}/use': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['SidebarQuickRepliesController_use'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/sidebar/session': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['SidebarController_createSession'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/sidebar/session/renew': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['SidebarController_renew'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/sidebar/tags': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['SidebarCustomersController_tags'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['HealthController_live'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health/ready': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['HealthController_ready'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    AddTagsDto: {
      corpId: string;
      tags: components['schemas']['NewTagDto'][];
    };
    AssignmentDto: {
      /** @enum {string} */
      itemType: 'customer' | 'group';
      takeoverUserId: string;
      targetId: string;
    };
    AudienceCountBodyDto: {
      filter: components['schemas']['AudienceFilterDto'];
    };
    AudienceFilterDto: {
      /**
       * @description relation added at or after
       * @example 2026-09-01T00:00:00+08:00
       */
      addedFrom?: string;
      /**
       * @description relation added before
       * @example 2026-12-01T00:00:00+08:00
       */
      addedTo?: string;
      /** @description brought by one of these channels (ids) */
      channelIds?: string[];
      /** @description 1 WeChat user, 2 WeCom user */
      customerTypes?: number[];
      /** @description staff of these departments and below */
      departmentIds?: number[];
      /** @description 0 unknown, 1 male, 2 female */
      genders?: number[];
      groups?: components['schemas']['GroupConditionDto'];
      /** @description last chat interaction at or after */
      lastChatFrom?: string;
      /** @description last chat interaction before */
      lastChatTo?: string;
      /** @description default ['active'] */
      relationStatus?: ('active' | 'deleted_by_customer' | 'deleted_by_staff')[];
      /** @description substring of the name, a remark or a description */
      search?: string;
      /** @description followed by one of these staff */
      staffUserIds?: string[];
      /** @description each group must hold */
      tags?: components['schemas']['TagConditionDto'][];
    };
    AuditEntryDto: {
      action: string;
      actor: string;
      createdAt: string;
      detail: {
        [key: string]: unknown;
      } | null;
      id: string;
      transferId: string | null;
    };
    BackApplyDto: {
      corpId: string;
    };
    BackApplyJobDto: {
      failedReason?: string;
      jobId: string;
      marked: number;
      matched: number;
      /** @description 0..100 */
      progress: number;
      scanned: number;
      state: string;
    };
    BroadcastAttachmentDto: {
      /** @description miniprogram: appid (wx…) */
      appId?: string;
      /** @description image, video, file: a media asset id */
      assetId?: string;
      desc?: string;
      /** @description miniprogram: page path */
      page?: string;
      /** @description miniprogram: cover image asset (520×416) */
      picAssetId?: string;
      picUrl?: string;
      /** @description link ≤128 bytes, miniprogram ≤64 bytes */
      title?: string;
      /** @enum {string} */
      type: 'image' | 'video' | 'file' | 'link' | 'miniprogram';
      url?: string;
    };
    BroadcastAudienceDto: {
      /** @description type groups: chosen by hand */
      chatIds?: string[];
      /** @description type list: external_userids (a CSV) */
      externalUserIds?: string[];
      /** @description type filter: an ad-hoc filter */
      filter?: components['schemas']['AudienceFilterDto'];
      /** @description type groups: part of the group name */
      nameContains?: string;
      /** @description type groups: owner’s departments */
      ownerDepartmentIds?: number[];
      /** @description type groups: owners */
      ownerUserIds?: string[];
      /** @description type segment: a saved segment (客户分群) */
      segmentId?: string;
      /** @enum {string} */
      type: 'segment' | 'filter' | 'list' | 'groups';
    };
    BroadcastContentDto: {
      audience: components['schemas']['BroadcastAudienceDto'];
      /** @example ww5f3a9c1e7b2d4068 */
      corpId: string;
      /** @enum {string} */
      kind: 'customers' | 'groups';
      /** @description customers: only these members send */
      senderUserIds?: string[];
    };
    ChangeCustomerTagsDto: {
      addTagIds: string[];
      corpId: string;
      removeTagIds: string[];
      /** @description one staff member's relation; omitted: all of the customer's */
      userId?: string;
    };
    ChannelStaffDto: {
      /** @default false */
      backup: boolean;
      /** @description most customers per day from this channel */
      dailyCap?: number | null;
      hours?: components['schemas']['WorkingHoursDto'];
      /** @example zhangwei */
      userId: string;
      /**
       * @description share under the weighted strategy
       * @default 1
       */
      weight: number;
    };
    ChannelWelcomeDto: {
      attachments?: components['schemas']['WelcomeAttachmentDto'][];
      /**
       * @description `{{name}}` = the customer’s name, `{{name|fallback}}`, `{{staff}}` = the staff name
       * @example {{name|朋友}}您好，我是{{staff}}，欢迎来到栖木生活！
       */
      text?: string;
    };
    ChatArchiveSettingsDto: {
      corpId: string;
      /** @description whether a sidecar ingest token is set */
      hasIngestToken: boolean;
      /** @description first characters of the token */
      ingestTokenHint: string | null;
      /** @description messages stored for the corp */
      messageCount: number;
      pulledAt: string | null;
      /** @description last archive seq the puller stored */
      pullSeq: number;
      /** @description messages older than this many days are deleted */
      retentionDays: number;
    };
    ChatHistoryPageDto: {
      /** @description newest first */
      items: components['schemas']['ChatMessageDto'][];
      nextCursor: string | null;
    };
    ChatMessageDto: {
      action: string;
      from: string;
      /** @description true: the customer sent it */
      fromCustomer: boolean;
      /** @description staff name or customer name of `from`, when the mirror has it */
      fromName: Record<string, never>;
      msgid: string;
      /** @description ISO 8601 */
      msgtime: string;
      msgtype: string;
      /** @description '' in a private chat */
      roomid: string;
      /** @description the text (text.content, a link’s title, a file’s name …) */
      text: string;
      tolist: string[];
    };
    ChatRuleBodyDto: {
      /** @description private chats, group chats */
      chatTypes: ('private' | 'group')[];
      /** @description words added to the segmentation dictionary */
      customWords?: string[];
      /** @description staff of these departments (sub-departments included); null or absent: all staff */
      departmentIds?: number[] | null;
      /** @default true */
      enabled: boolean;
      /** @description a message with one of these never matches */
      exclusions?: string[];
      /** @description keywords or phrases, 1..50, each ≤ 30 characters */
      keywords: string[];
      /**
       * @description any: one keyword is enough; all: every one
       * @enum {string}
       */
      matchMode: 'any' | 'all';
      name: string;
      /**
       * @description match whole words (Chinese word segmentation)
       * @default false
       */
      segmentation: boolean;
      /** @description whose messages: the customer's, the staff's */
      senders: ('customer' | 'staff')[];
      /** @description corp tags (et…) marked on a match, 1..20 */
      tagIds: string[];
    };
    ChatRuleDto: {
      chatTypes: ('private' | 'group')[];
      corpId: string;
      customWords: string[];
      departmentIds: number[] | null;
      enabled: boolean;
      exclusions: string[];
      /** @description messages matched since the rule exists (ingestion, not back-applies) */
      hitCount: number;
      id: string;
      keywords: string[];
      lastHitAt: string | null;
      /** @enum {string} */
      matchMode: 'any' | 'all';
      name: string;
      segmentation: boolean;
      senders: ('customer' | 'staff')[];
      tagIds: string[];
      updatedAt: string;
    };
    CorpBodyDto: {
      corpId: string;
    };
    CorpGrantDto: {
      /** @example ww5f3a9c1e7b2d4068 */
      corpId: string;
      /** @enum {string} */
      role: 'admin' | 'manager' | 'viewer';
    };
    CreateAdminUserDto: {
      /** @description the corps of a scoped account, with a role in each (without `role`) */
      corps?: components['schemas']['CorpGrantDto'][];
      /** @example 李运营 */
      displayName: string;
      password: string;
      /**
       * @description installation-wide role (without `corps`)
       * @enum {string}
       */
      role?: 'admin' | 'manager' | 'viewer';
      /** @example li.manager */
      username: string;
    };
    CreateBroadcastDto: {
      attachments?: components['schemas']['BroadcastAttachmentDto'][];
      audience: components['schemas']['BroadcastAudienceDto'];
      /** @example ww5f3a9c1e7b2d4068 */
      corpId: string;
      /** @enum {string} */
      kind: 'customers' | 'groups';
      /**
       * Format: date-time
       * @description when to send (ISO 8601); absent: now
       */
      scheduledAt?: string;
      /** @description customers: only these members send */
      senderUserIds?: string[];
      /** @description ≤4000 bytes; mass messages cannot carry the customer's name */
      text?: string;
      /** @example 双十一预热 */
      title: string;
    };
    CreateChannelDto: {
      /** @example ww5f3a9c1e7b2d4068 */
      corpId: string;
      /** @description departments (and their subtrees) */
      departmentIds?: number[];
      /**
       * Format: date-time
       * @description after this time the QR code is removed in WeCom
       */
      expiresAt?: string | null;
      /** @example 门店 */
      folder?: string;
      /** @example 静安店柜台 */
      name: string;
      /**
       * @description remark set on each new customer
       * @example 抖音-{{name}}
       */
      remarkTemplate?: string | null;
      /**
       * @description customers are added without approval
       * @default true
       */
      skipVerify: boolean;
      staff?: components['schemas']['ChannelStaffDto'][];
      /**
       * @default round_robin
       * @enum {string}
       */
      strategy: 'round_robin' | 'weighted' | 'least_loaded';
      /** @description corp tag ids marked on every new customer */
      tagIds?: string[];
      /**
       * @description day boundary of caps and stats
       * @default Asia/Shanghai
       */
      timezone: string;
      /** @enum {string} */
      type: 'single' | 'multi';
      welcome?: components['schemas']['ChannelWelcomeDto'];
    };
    CreateChatRuleDto: {
      /** @description private chats, group chats */
      chatTypes: ('private' | 'group')[];
      corpId: string;
      /** @description words added to the segmentation dictionary */
      customWords?: string[];
      /** @description staff of these departments (sub-departments included); null or absent: all staff */
      departmentIds?: number[] | null;
      /** @default true */
      enabled: boolean;
      /** @description a message with one of these never matches */
      exclusions?: string[];
      /** @description keywords or phrases, 1..50, each ≤ 30 characters */
      keywords: string[];
      /**
       * @description any: one keyword is enough; all: every one
       * @enum {string}
       */
      matchMode: 'any' | 'all';
      name: string;
      /**
       * @description match whole words (Chinese word segmentation)
       * @default false
       */
      segmentation: boolean;
      /** @description whose messages: the customer's, the staff's */
      senders: ('customer' | 'staff')[];
      /** @description corp tags (et…) marked on a match, 1..20 */
      tagIds: string[];
    };
    CreateCorpDto: {
      /** @description 通讯录 secret (write only) */
      addressBookSecret?: string;
      /** @example 1000002 */
      agentId: number;
      /** @description Secret of the self-built app (write only) */
      agentSecret: string;
      /** @description Callback Token: letters and digits, at most 32 (write only) */
      callbackToken: string;
      /** @description 客户联系 secret (write only) */
      contactSecret?: string;
      /**
       * @description WeCom CorpID
       * @example ww5f3a9c1e7b2d4068
       */
      corpId: string;
      /** @description Callback EncodingAESKey: exactly 43 letters or digits (write only) */
      encodingAESKey: string;
      /** @example 栖木生活 */
      name: string;
      /**
       * @description IANA time zone every page shows the corp's times in (default Asia/Shanghai)
       * @example Asia/Shanghai
       */
      timeZone?: string;
    };
    CreateExportDto: {
      filter: components['schemas']['AudienceFilterDto'];
    };
    CreateFirstAdminDto: {
      /** @example 系统管理员 */
      displayName?: string;
      password: string;
      /** @example admin */
      username: string;
    };
    CreateFollowUpDto: {
      content: string;
      /**
       * @description note: 备注; follow_up: 跟进记录
       * @enum {string}
       */
      kind: 'note' | 'follow_up';
      /**
       * Format: date-time
       * @description The next follow-up: ISO 8601 date or date-time
       * @example 2026-12-08T10:00:00+08:00
       */
      nextFollowUpAt?: string;
    };
    CreateMomentDto: {
      /** @description up to 9 images, or 1 video, or 1 link (types cannot be mixed) */
      attachments?: components['schemas']['MomentAttachmentDto'][];
      /** @example ww5f3a9c1e7b2d4068 */
      corpId: string;
      /**
       * Format: date-time
       * @description when to create the WeCom task; absent: now
       */
      scheduledAt?: string | null;
      /** @description at most 2,000 characters */
      text?: string;
      /**
       * @description the name on the calendar
       * @example 618 新品上市
       */
      title?: string;
      /** @description empty: the customers of every member in the app’s visible range */
      visible?: components['schemas']['MomentVisibilityDto'];
    };
    CreateSegmentDto: {
      filter: components['schemas']['AudienceFilterDto'];
      /**
       * @description unique in the corp, 1-64 characters
       * @example 高价值宝妈
       */
      name: string;
    };
    CreateSidebarSessionDto: {
      /** @description The OAuth2 `code` WeCom appended to the sidebar URL */
      code: string;
      /** @description Required when several corps are configured */
      corpId?: string;
    };
    CreateTagGroupDto: {
      corpId: string;
      /** @example 客户等级 */
      name: string;
      order?: number;
      tags: components['schemas']['NewTagDto'][];
    };
    CustomerQueryBodyDto: {
      corpId: string;
      /** @description nextCursor of the previous page (same sort and order) */
      cursor?: string;
      /** @description default: every current customer */
      filter?: components['schemas']['AudienceFilterDto'];
      /** @default 50 */
      limit: number;
      /** @enum {string} */
      order?: 'asc' | 'desc';
      /**
       * @default addedAt
       * @enum {string}
       */
      sort: 'addedAt' | 'name';
    };
    CustomerRuleMarkDto: {
      msgid: string | null;
      msgtime: string | null;
      ruleId: string | null;
      ruleName: string | null;
      tagId: string;
      tagName: string | null;
      /** @description the sentence that produced the mark */
      text: string;
      /** @description the staff member of the relation */
      userId: string;
    };
    DeleteTagsDto: {
      corpId: string;
      groupIds?: string[];
      tagIds?: string[];
    };
    DepartureDto: {
      customers: number;
      departedAt: string | null;
      groups: number;
      inTransfer: number;
      name: string;
      userId: string;
      via: string;
    };
    DryRunDto: {
      corpId: string;
      /**
       * @description the last N messages
       * @default 500
       */
      limit: number;
      /** @description an unsaved rule (the editor) */
      rule?: components['schemas']['ChatRuleBodyDto'];
      /** @description a saved rule; absent: `rule`, or every enabled rule */
      ruleId?: string;
    };
    DryRunMatchDto: {
      from: string;
      fromCustomer: boolean;
      msgid: string;
      msgtime: string;
      roomid: string;
      ruleIds: string[];
      ruleNames: string[];
      tagIds: string[];
      tagNames: string[];
      text: string;
    };
    DryRunResultDto: {
      items: components['schemas']['DryRunMatchDto'][];
      matched: number;
      scanned: number;
      /** @description tag id → messages that would mark it */
      tagCounts: Record<string, never>;
    };
    EditTagDto: {
      corpId: string;
      name?: string;
      /** @description larger first */
      order?: number;
    };
    GrantStaffRoleDto: {
      /** @enum {string} */
      role: 'admin' | 'manager' | 'viewer';
    };
    GroupConditionDto: {
      /** @description member of one of these groups (chat ids) */
      chatIds?: string[];
      /** @description member of no customer group */
      none?: boolean;
    };
    ImportMarksDto: {
      corpId: string;
      /** @description the CSV text (UTF-8), at most ~1 MB */
      csv: string;
      /** @description true: report only, write nothing */
      dryRun: boolean;
      /** @example marks.csv */
      fileName: string;
    };
    IngestMessagesDto: {
      /** @description Decrypted archive messages (DecryptData output), at most 1,000; each keeps its type’s own object (text, image, mixed, …). */
      messages: Record<string, never>[];
    };
    IngestResultDto: {
      /** @description messages already stored (replays): nothing changed */
      duplicates: number;
      /** @description messages stored for the first time */
      inserted: number;
      /** @description messages in the request */
      received: number;
    };
    LoginDto: {
      /** @example a long password */
      password: string;
      /** @example admin */
      username: string;
    };
    MomentAttachmentDto: {
      /** @description a media asset (the image, the video, the link’s cover image) */
      assetId: string;
      /** @description link only: ≤64 bytes */
      title?: string;
      /** @enum {string} */
      type: 'image' | 'video' | 'link';
      /** @description link only */
      url?: string;
    };
    MomentVisibilityDto: {
      /** @description departments (and their members) */
      departmentIds?: number[];
      /** @description corp tags (企业标签) only: the customers with any of them; rule-group tags are refused */
      tagIds?: string[];
      /** @description members whose customers see it */
      userIds?: string[];
    };
    NewTagDto: {
      /** @example 金卡会员 */
      name: string;
      /** @description larger first */
      order?: number;
    };
    PlanItemDto: {
      /** @enum {string} */
      itemType: 'customer' | 'group';
      name: string;
      reason: string | null;
      sentence: string | null;
      /** @enum {string} */
      state: 'planned' | 'blocked';
      takeoverName: string | null;
      takeoverUserId: string | null;
      targetId: string;
    };
    PlanTransferDto: {
      /** @description split=manual: one per item */
      assignments?: components['schemas']['AssignmentDto'][];
      /** @description rule=round_robin: the chosen set */
      candidateUserIds?: string[];
      corpId: string;
      handoverUserId: string;
      /**
       * @description hand over the member’s groups too
       * @default true
       */
      includeGroups: boolean;
      /**
       * @description 离职继承 or 在职继承
       * @enum {string}
       */
      kind: 'resigned' | 'onjob';
      /** @description 在职继承 only: shown to the customer, ≤200 characters */
      message?: string;
      /** @enum {string} */
      rule?: 'least_loaded_department' | 'department_leader' | 'round_robin';
      /** @enum {string} */
      split: 'single' | 'tag' | 'rule' | 'manual';
      /** @description split=tag: first matching rule wins */
      tagRules?: components['schemas']['TagRuleDto'][];
      /** @description single: the successor; otherwise who takes the rest */
      takeoverUserId?: string;
    };
    PreviewResponseDto: {
      batches: number;
      blocked: number;
      bySuccessor: {
        [key: string]: components['schemas']['SuccessorCountDto'];
      };
      customers: number;
      departedAt: string | null;
      groups: number;
      handoverName: string;
      handoverUserId: string;
      items: components['schemas']['PlanItemDto'][];
      /** @enum {string} */
      kind: 'resigned' | 'onjob';
    };
    QuickReplyFolderBodyDto: {
      /** @example ww5f3a9c1e7b2d4068 */
      corpId: string;
      /** @description departments (and their sub-departments) */
      departmentIds?: number[];
      /**
       * @description at most 64 characters
       * @example 开场白
       */
      name: string;
      /** @description members (userid) */
      userIds?: string[];
      /** @description true: every guide; false: only departmentIds (with sub-departments) and userIds */
      visibleToAll: boolean;
    };
    QuickReplyFolderDto: {
      departmentIds: number[];
      id: string;
      itemCount: number;
      name: string;
      sortOrder: number;
      userIds: string[];
      visibleToAll: boolean;
    };
    QuickReplyItemBodyDto: {
      /** @description mini program: the corp’s configured appid (wx…) */
      appId?: string;
      /** @description image: a media asset (POST /admin/media?kind=image) */
      assetId?: string;
      /** @description text: the message, at most 4000 bytes in UTF-8 */
      content?: string;
      /** @example ww5f3a9c1e7b2d4068 */
      corpId: string;
      /** @description link (optional) and mini program: cover image http(s) URL */
      coverUrl?: string;
      /** @description link: the card’s description, at most 512 bytes */
      description?: string;
      folderId: string;
      /** @enum {string} */
      kind: 'text' | 'image' | 'link' | 'miniprogram';
      /** @description mini program: the page, ending in .html */
      page?: string;
      /** @description the name guides see; a link card’s title (≤128 bytes), a mini program’s (≤64) */
      title: string;
      /** @description link: an http(s) URL */
      url?: string;
    };
    QuickReplyItemDto: {
      appId: string | null;
      assetId: string | null;
      content: string | null;
      coverUrl: string | null;
      description: string | null;
      folderId: string;
      id: string;
      /** @enum {string} */
      kind: 'text' | 'image' | 'link' | 'miniprogram';
      lastUsedAt: string | null;
      page: string | null;
      sortOrder: number;
      title: string;
      url: string | null;
      useCount: number;
    };
    QuickReplyOrderDto: {
      /** @example ww5f3a9c1e7b2d4068 */
      corpId: string;
      /** @description every id of the list, in the new order */
      ids: string[];
    };
    QuickReplySettingBodyDto: {
      /** @example ww5f3a9c1e7b2d4068 */
      corpId: string;
      /** @description the mini program (wx…) associated with the corp; null: no mini-program cards */
      miniprogramAppId?: string | null;
    };
    QuickReplySettingDto: {
      miniprogramAppId: string | null;
    };
    QuickReplyUseDto: {
      /** @description exactly what ww.sendChatMessage takes: {msgtype:"text",text:{content}} | {msgtype:"image",image:{mediaid}} | {msgtype:"news",news:{link,title,desc,imgUrl}} | {msgtype:"miniprogram",miniprogram:{appid,title,imgUrl,page}} */
      payload: {
        [key: string]: unknown;
      };
      useCount: number;
    };
    ReceiveLimitDto: {
      /** @example ww5f3a9c1e7b2d4068 */
      corpId: string;
      /** @enum {string} */
      receiveLimit: 'day' | 'week' | 'month';
    };
    RegisterCorpDto: {
      /** @description 通讯录 secret (write only) */
      addressBookSecret?: string;
      /** @example 1000002 */
      agentId: number;
      /** @description Secret of the self-built app (write only) */
      agentSecret: string;
      /** @description 客户联系 secret (write only) */
      contactSecret?: string;
      /**
       * @description WeCom CorpID
       * @example ww5f3a9c1e7b2d4068
       */
      corpId: string;
      /** @example 栖木生活 */
      name: string;
      /**
       * @description IANA time zone every page shows the corp's times in (default Asia/Shanghai)
       * @example Asia/Shanghai
       */
      timeZone?: string;
    };
    ReorderDto: {
      corpId: string;
      /** @description the group whose tags are reordered; omitted: the groups */
      groupId?: string;
      /** @description every id, top first */
      ids: string[];
    };
    ReplayCallbackEventsDto: {
      corpId?: string;
      /** @description replay these events */
      ids?: string[];
      /**
       * @description or every event in this state
       * @enum {string}
       */
      status?: 'failed' | 'skipped';
    };
    ResetPasswordDto: {
      password: string;
    };
    RetryTransferDto: {
      corpId: string;
      /** @description items to retry (default: every refused, limit-reached and failed one) */
      itemIds?: string[];
      /** @description the other successor */
      takeoverUserId: string;
    };
    SetEnabledDto: {
      corpId: string;
      enabled: boolean;
    };
    SidebarQuickRepliesDto: {
      folders: components['schemas']['SidebarQuickReplyFolderDto'][];
    };
    SidebarQuickReplyFolderDto: {
      id: string;
      items: components['schemas']['QuickReplyItemDto'][];
      name: string;
    };
    StartBulkJobDto: {
      addTagIds: string[];
      corpId: string;
      /** @description instead of a filter: these customers */
      externalUserIds?: string[];
      /** @description the customers to mark */
      filter?: components['schemas']['AudienceFilterDto'];
      removeTagIds: string[];
    };
    StartSelfTestDto: {
      /**
       * @description Make the first N attempts fail on purpose, to watch retries with backoff (N >= attempts: the job fails for good and is kept).
       * @default 0
       */
      failAttempts: number;
    };
    SuccessorCountDto: {
      customers: number;
      groups: number;
    };
    TagConditionDto: {
      /**
       * @description any of / all of / none of the tags
       * @enum {string}
       */
      op: 'any' | 'all' | 'none';
      /** @description WeCom tag ids (et…) */
      tagIds: string[];
    };
    TagRuleDto: {
      tagId: string;
      takeoverUserId: string;
    };
    TestChatRuleDto: {
      rule: components['schemas']['ChatRuleBodyDto'];
      text: string;
    };
    TestResultDto: {
      excludedBy: string | null;
      /** @description keywords found */
      keywords: string[];
      matched: boolean;
      /** @description the words of the text (segmentation on) */
      words: string[];
    };
    TransferDetailDto: {
      corpId: string;
      counts: {
        [key: string]: number;
      };
      createdAt: string;
      createdBy: string;
      done: number;
      finishedAt: string | null;
      handoverName: string;
      handoverUserId: string;
      id: string;
      items: components['schemas']['TransferItemDto'][];
      /** @enum {string} */
      kind: 'resigned' | 'onjob';
      message: string | null;
      nextPollAt: string | null;
      /** @enum {string} */
      status: 'sending' | 'tracking' | 'finished';
      total: number;
    };
    TransferItemDto: {
      attempt: number;
      errcode: number | null;
      id: string;
      /** @enum {string} */
      itemType: 'customer' | 'group';
      name: string;
      reason: string | null;
      sentence: string | null;
      /** @enum {string} */
      state:
        | 'planned'
        | 'sent'
        | 'waiting'
        | 'accepted'
        | 'refused'
        | 'limit_reached'
        | 'failed'
        | 'blocked';
      takeoverAt: string | null;
      takeoverName: string | null;
      takeoverUserId: string | null;
      targetId: string;
      updatedAt: string;
    };
    TransferSummaryDto: {
      corpId: string;
      counts: {
        [key: string]: number;
      };
      createdAt: string;
      createdBy: string;
      done: number;
      finishedAt: string | null;
      handoverName: string;
      handoverUserId: string;
      id: string;
      /** @enum {string} */
      kind: 'resigned' | 'onjob';
      message: string | null;
      nextPollAt: string | null;
      /** @enum {string} */
      status: 'sending' | 'tracking' | 'finished';
      total: number;
    };
    UpdateAdminUserDto: {
      /** @description the corps of a scoped account, with a role in each (without `role`) */
      corps?: components['schemas']['CorpGrantDto'][];
      /** @example 李运营 */
      displayName?: string;
      /**
       * @description installation-wide role (without `corps`)
       * @enum {string}
       */
      role?: 'admin' | 'manager' | 'viewer';
    };
    UpdateBroadcastDto: {
      attachments?: components['schemas']['BroadcastAttachmentDto'][];
      audience: components['schemas']['BroadcastAudienceDto'];
      /** @example ww5f3a9c1e7b2d4068 */
      corpId: string;
      /** @enum {string} */
      kind: 'customers' | 'groups';
      /**
       * Format: date-time
       * @description when to send (ISO 8601); absent: now
       */
      scheduledAt?: string;
      /** @description customers: only these members send */
      senderUserIds?: string[];
      /** @description ≤4000 bytes; mass messages cannot carry the customer's name */
      text?: string;
      /** @example 双十一预热 */
      title: string;
    };
    UpdateChannelDto: {
      /** @description departments (and their subtrees) */
      departmentIds?: number[];
      /**
       * Format: date-time
       * @description after this time the QR code is removed in WeCom
       */
      expiresAt?: string | null;
      /** @example 门店 */
      folder?: string;
      /** @example 静安店柜台 */
      name?: string;
      /**
       * @description remark set on each new customer
       * @example 抖音-{{name}}
       */
      remarkTemplate?: string | null;
      /**
       * @description customers are added without approval
       * @default true
       */
      skipVerify: boolean;
      staff?: components['schemas']['ChannelStaffDto'][];
      /**
       * @default round_robin
       * @enum {string}
       */
      strategy: 'round_robin' | 'weighted' | 'least_loaded';
      /** @description corp tag ids marked on every new customer */
      tagIds?: string[];
      /**
       * @description day boundary of caps and stats
       * @default Asia/Shanghai
       */
      timezone: string;
      /** @enum {string} */
      type?: 'single' | 'multi';
      welcome?: components['schemas']['ChannelWelcomeDto'];
    };
    UpdateChatArchiveSettingsDto: {
      corpId: string;
      retentionDays: number;
    };
    UpdateChatRuleDto: {
      /** @description private chats, group chats */
      chatTypes: ('private' | 'group')[];
      corpId: string;
      /** @description words added to the segmentation dictionary */
      customWords?: string[];
      /** @description staff of these departments (sub-departments included); null or absent: all staff */
      departmentIds?: number[] | null;
      /** @default true */
      enabled: boolean;
      /** @description a message with one of these never matches */
      exclusions?: string[];
      /** @description keywords or phrases, 1..50, each ≤ 30 characters */
      keywords: string[];
      /**
       * @description any: one keyword is enough; all: every one
       * @enum {string}
       */
      matchMode: 'any' | 'all';
      name: string;
      /**
       * @description match whole words (Chinese word segmentation)
       * @default false
       */
      segmentation: boolean;
      /** @description whose messages: the customer's, the staff's */
      senders: ('customer' | 'staff')[];
      /** @description corp tags (et…) marked on a match, 1..20 */
      tagIds: string[];
    };
    UpdateCorpDto: {
      /** @description 通讯录 secret (write only) */
      addressBookSecret?: string;
      /** @example 1000002 */
      agentId?: number;
      /** @description Secret of the self-built app (write only) */
      agentSecret?: string;
      /** @description Callback Token: letters and digits, at most 32 (write only) */
      callbackToken?: string;
      /** @description 客户联系 secret (write only) */
      contactSecret?: string;
      /** @description Callback EncodingAESKey: exactly 43 letters or digits (write only) */
      encodingAESKey?: string;
      /** @example 栖木生活 */
      name?: string;
      /**
       * @description IANA time zone every page shows the corp's times in (default Asia/Shanghai)
       * @example Asia/Shanghai
       */
      timeZone?: string;
    };
    UpdateMomentDto: {
      /** @description up to 9 images, or 1 video, or 1 link (types cannot be mixed) */
      attachments?: components['schemas']['MomentAttachmentDto'][];
      /**
       * Format: date-time
       * @description when to create the WeCom task; absent: now
       */
      scheduledAt?: string | null;
      /** @description at most 2,000 characters */
      text?: string;
      /**
       * @description the name on the calendar
       * @example 618 新品上市
       */
      title?: string;
      /** @description empty: the customers of every member in the app’s visible range */
      visible?: components['schemas']['MomentVisibilityDto'];
    };
    UpdateSegmentDto: {
      /** @description a new filter (counted again) */
      filter?: components['schemas']['AudienceFilterDto'];
      /** @description a new name */
      name?: string;
    };
    UpdateSidebarTagsDto: {
      /** @description tag ids to mark */
      add: string[];
      /** @description tag ids to unmark */
      remove: string[];
    };
    WebLoginDto: {
      /** @description The `code` WeCom appended to the redirect */
      code: string;
      corpId: string;
      /** @description The `state` WeCom appended to the redirect (from login-url) */
      state: string;
    };
    WelcomeAttachmentDto: {
      /** @description miniprogram appid */
      appId?: string;
      desc?: string;
      /** @description image: media_id (temporary media expire after 3 days) */
      mediaId?: string;
      /** @description miniprogram page */
      page?: string;
      /** @description miniprogram cover media_id */
      picMediaId?: string;
      /** @description image or link: picture URL */
      picUrl?: string;
      /** @description link / miniprogram title */
      title?: string;
      /** @enum {string} */
      type: 'image' | 'link' | 'miniprogram';
      url?: string;
    };
    WorkingHoursDto: {
      /** @example Asia/Shanghai */
      timezone: string;
      windows: components['schemas']['WorkingWindowDto'][];
    };
    WorkingWindowDto: {
      /**
       * @description 1 = Monday … 7 = Sunday
       * @example [
       *       1,
       *       2,
       *       3,
       *       4,
       *       5
       *     ]
       */
      days: number[];
      /**
       * @description at or before start = the next day
       * @example 18:00
       */
      end: string;
      /** @example 09:00 */
      start: string;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  BroadcastsController_list: {
    parameters: {
      query: {
        corpId: string;
        /** @description the last id of the previous page */
        cursor?: string;
        kind?: 'customers' | 'groups';
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  BroadcastsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateBroadcastDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  BroadcastsController_get: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  BroadcastsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateBroadcastDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  BroadcastsController_cancel: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  BroadcastsController_recipients: {
    parameters: {
      query: {
        corpId: string;
        cursor?: string;
        limit?: number;
        senderUserId?: string;
        /** @description 0 未发送 1 已发送 2 不是好友 3 已收到其他群发 10 超出接收上限 11 企业微信拒绝 */
        status?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  BroadcastsController_remind: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  BroadcastsController_results: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  BroadcastsController_refresh: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  BroadcastsController_calendar: {
    parameters: {
      query: {
        corpId: string;
        from: string;
        to: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  BroadcastsController_personal: {
    parameters: {
      query: {
        corpId: string;
        /** @description default: 30 days before to; span ≤ 1 month (WeCom) */
        from?: string;
        /** @description default: now */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  BroadcastsController_preview: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['BroadcastContentDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  BroadcastsController_settings: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  BroadcastsController_setSettings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ReceiveLimitDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  CallbackEventsController_list: {
    parameters: {
      query?: {
        /** @description next page: the id of the last row of the previous page */
        beforeId?: string;
        changeType?: string;
        corpId?: string;
        event?: string;
        /** @description received at or after (ISO time) */
        from?: string;
        limit?: number;
        status?: 'pending' | 'processing' | 'done' | 'skipped' | 'failed';
        /** @description received before (ISO time) */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  CallbackEventsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  CallbackEventsController_replayOne: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  CallbackEventsController_counts: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  CallbackEventsController_replay: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ReplayCallbackEventsDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  CampaignsController_calendar: {
    parameters: {
      query: {
        corpId: string;
        from: string;
        /** @description at most 62 days after from */
        to: string;
        /** @description minutes ahead of UTC */
        tzOffsetMinutes?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  CampaignsController_clashes: {
    parameters: {
      query: {
        /** @description when it would go out */
        at: string;
        corpId: string;
        /** @description the broadcast being edited (not a clash with itself) */
        excludeId?: string;
        /** @description the saved segment the composer is about to use */
        segmentId: string;
        /** @description minutes ahead of UTC */
        tzOffsetMinutes?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ChannelsController_list: {
    parameters: {
      query: {
        corpId: string;
        folder?: string;
        /** @description name contains */
        q?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ChannelsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateChannelDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ChannelsController_get: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ChannelsController_remove: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ChannelsController_update: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateChannelDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ChannelsController_pool: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ChannelsController_syncPool: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ChannelsController_channelFunnel: {
    parameters: {
      query: {
        /** @description one channel (default: every channel of the corp) */
        channelId?: string;
        corpId: string;
        /** @description added at or after (default: 30 days ago) */
        from?: string;
        groupBy?: 'channel' | 'staff';
        /** @description where days are cut */
        timezone?: string;
        /** @description added before (default: now) */
        to?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ChannelsController_funnel: {
    parameters: {
      query: {
        /** @description one channel (default: every channel of the corp) */
        channelId?: string;
        corpId: string;
        /** @description added at or after (default: 30 days ago) */
        from?: string;
        groupBy?: 'channel' | 'staff';
        /** @description where days are cut */
        timezone?: string;
        /** @description added before (default: now) */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ChannelsController_funnelCsv: {
    parameters: {
      query: {
        /** @description one channel (default: every channel of the corp) */
        channelId?: string;
        corpId: string;
        /** @description added at or after (default: 30 days ago) */
        from?: string;
        groupBy?: 'channel' | 'staff';
        /** @description where days are cut */
        timezone?: string;
        /** @description added before (default: now) */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ChatArchiveAdminController_history: {
    parameters: {
      query: {
        corpId: string;
        /** @description next page: nextCursor of the previous page */
        cursor?: string;
        limit?: number;
      };
      header?: never;
      path: {
        externalUserId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ChatHistoryPageDto'];
        };
      };
    };
  };
  ChatArchiveAdminController_rotateToken: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CorpBodyDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ChatArchiveAdminController_pull: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CorpBodyDto'];
      };
    };
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ChatArchiveAdminController_settings: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ChatArchiveSettingsDto'];
        };
      };
    };
  };
  ChatArchiveAdminController_update: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateChatArchiveSettingsDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ChatArchiveSettingsDto'];
        };
      };
    };
  };
  ChatRulesController_list: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ChatRuleDto'][];
        };
      };
    };
  };
  ChatRulesController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateChatRuleDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ChatRulesController_get: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ChatRuleDto'];
        };
      };
    };
  };
  ChatRulesController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateChatRuleDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ChatRulesController_remove: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ChatRulesController_startBackApply: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['BackApplyDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BackApplyJobDto'];
        };
      };
    };
  };
  ChatRulesController_backApplyStatus: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path: {
        id: string;
        jobId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BackApplyJobDto'];
        };
      };
    };
  };
  ChatRulesController_setEnabled: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SetEnabledDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ChatRulesController_customerMarks: {
    parameters: {
      query: {
        corpId: string;
        externalUserId: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CustomerRuleMarkDto'][];
        };
      };
    };
  };
  ChatRulesController_dryRun: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['DryRunDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DryRunResultDto'];
        };
      };
    };
  };
  ChatRulesController_test: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TestChatRuleDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TestResultDto'];
        };
      };
    };
  };
  CorpController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  CorpController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateCorpDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  CorpController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        corpId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  CorpController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        corpId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateCorpDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AudienceController_count: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AudienceCountBodyDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ExportsController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ExportsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateExportDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ExportsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ExportsController_file: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SegmentsController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SegmentsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateSegmentDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SegmentsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SegmentsController_delete: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SegmentsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateSegmentDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SegmentsController_refreshCount: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  StaffRolesController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  StaffRolesController_grant: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['GrantStaffRoleDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  StaffRolesController_revoke: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  CustomersController_list: {
    parameters: {
      query: {
        /** @description a relation added at or after: ISO 8601 date (UTC) or date-time with offset */
        addedFrom?: string;
        /** @description a relation added before: ISO 8601 date (UTC) or date-time with offset */
        addedTo?: string;
        corpId: string;
        /** @description nextCursor of the previous page (same sort and order) */
        cursor?: string;
        limit?: number;
        /** @description default: desc for addedAt (newest first), asc for name */
        order?: 'asc' | 'desc';
        /** @description name prefix, or an exact external_userid */
        q?: string;
        /** @description addedAt: when the customer was first added (else when the mirror met them) */
        sort?: 'addedAt' | 'name';
        /** @description contact way state (channel) of a relation */
        state?: string;
        /** @description status of a relation */
        status?: 'active' | 'deleted_by_staff' | 'deleted_by_customer' | 'transferred_out';
        /** @description customers followed by this staff member */
        userId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  CustomersController_detail: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  CustomersController_timeline: {
    parameters: {
      query?: {
        /** @description entries older than this entry */
        beforeId?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  CustomersController_query: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CustomerQueryBodyDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  DashboardController_numbers: {
    parameters: {
      query: {
        corpId: string;
        /** @description IANA time zone of the days */
        timeZone?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  StaffController_departments: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  FollowUpsController_list: {
    parameters: {
      query?: {
        /** @description id of the last record of the previous page */
        beforeId?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  GroupsController_list: {
    parameters: {
      query: {
        corpId: string;
        /** @description the last chatId of the previous page */
        cursor?: string;
        limit?: number;
        ownerUserId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  GroupsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  GroupsController_daily: {
    parameters: {
      query: {
        /** @description one group (default: every group of the corp) */
        chatId?: string;
        corpId: string;
        days?: number;
        timeZone?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  JobsController_list: {
    parameters: {
      query?: {
        limit?: number;
        state?: 'failed' | 'waiting' | 'active' | 'delayed' | 'completed';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  JobsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  JobsController_retry: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  JobsController_counts: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  JobsController_selfTest: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['StartSelfTestDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MediaController_list: {
    parameters: {
      query: {
        corpId: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MediaController_upload: {
    parameters: {
      query: {
        corpId: string;
        /** @description WeCom media type: image, voice, video, file */
        kind: 'image' | 'voice' | 'video' | 'file';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'multipart/form-data': {
          /** Format: binary */
          file?: string;
        };
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MediaController_get: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MediaController_content: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MomentsController_list: {
    parameters: {
      query: {
        corpId: string;
        state?: ('scheduled' | 'creating' | 'submitted' | 'created' | 'failed' | 'cancelled')[];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MomentsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateMomentDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MomentsController_get: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MomentsController_update: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateMomentDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MomentsController_cancel: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MomentsController_customers: {
    parameters: {
      query: {
        corpId: string;
        /** @description next page: the cursor of the previous one */
        cursor?: string;
        userId?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MomentsController_refresh: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MomentsController_results: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MomentsController_personal: {
    parameters: {
      query: {
        corpId: string;
        /** @description one member only */
        creator?: string;
        from: string;
        /** @description at most 30 days after from */
        to: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  QuickRepliesController_folders: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['QuickReplyFolderDto'][];
        };
      };
    };
  };
  QuickRepliesController_createFolder: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['QuickReplyFolderBodyDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['QuickReplyFolderDto'];
        };
      };
    };
  };
  QuickRepliesController_updateFolder: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['QuickReplyFolderBodyDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['QuickReplyFolderDto'];
        };
      };
    };
  };
  QuickRepliesController_deleteFolder: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description deleted, with its items */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  QuickRepliesController_reorderItems: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['QuickReplyOrderDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['QuickReplyItemDto'][];
        };
      };
    };
  };
  QuickRepliesController_reorderFolders: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['QuickReplyOrderDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['QuickReplyFolderDto'][];
        };
      };
    };
  };
  QuickRepliesController_items: {
    parameters: {
      query: {
        corpId: string;
        /** @description the folder whose items are listed */
        folderId: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['QuickReplyItemDto'][];
        };
      };
    };
  };
  QuickRepliesController_createItem: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['QuickReplyItemBodyDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['QuickReplyItemDto'];
        };
      };
    };
  };
  QuickRepliesController_updateItem: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['QuickReplyItemBodyDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['QuickReplyItemDto'];
        };
      };
    };
  };
  QuickRepliesController_deleteItem: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  QuickRepliesController_settings: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['QuickReplySettingDto'];
        };
      };
    };
  };
  QuickRepliesController_updateSettings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['QuickReplySettingBodyDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['QuickReplySettingDto'];
        };
      };
    };
  };
  StaffController_list: {
    parameters: {
      query: {
        corpId: string;
        /** @description next page: the userId of the last row of the previous page */
        cursor?: string;
        /** @description true: departed only; false: active only */
        departed?: boolean;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SyncController_runs: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SyncController_start: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TagsController_list: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TagsController_edit: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description a tag id or a tag group id */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['EditTagDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TagOpsController_changeCustomer: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        externalUserId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ChangeCustomerTagsDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TagsController_remove: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['DeleteTagsDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TagsController_createGroup: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateTagGroupDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TagsController_addTags: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description a tag id or a tag group id */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AddTagsDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TagOpsController_importMarks: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ImportMarksDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TagOpsController_listJobs: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TagOpsController_startJob: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['StartBulkJobDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TagOpsController_getJob: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TagOpsController_cancelJob: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CorpBodyDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TagsController_view: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TagsController_pushes: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TagsController_retry: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CorpBodyDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TagsController_reorder: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ReorderDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TagsController_sync: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CorpBodyDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TransfersController_list: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TransferSummaryDto'][];
        };
      };
    };
  };
  TransfersController_start: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PlanTransferDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TransferSummaryDto'];
        };
      };
    };
  };
  TransfersController_get: {
    parameters: {
      query: {
        corpId: string;
        itemType?: 'customer' | 'group';
        state?:
          | 'planned'
          | 'sent'
          | 'waiting'
          | 'accepted'
          | 'refused'
          | 'limit_reached'
          | 'failed'
          | 'blocked';
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TransferDetailDto'];
        };
      };
    };
  };
  TransfersController_poll: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TransferSummaryDto'];
        };
      };
    };
  };
  TransfersController_retry: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RetryTransferDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TransferDetailDto'];
        };
      };
    };
  };
  TransfersController_audit: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditEntryDto'][];
        };
      };
    };
  };
  TransfersController_listDepartures: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DepartureDto'][];
        };
      };
    };
  };
  TransfersController_refreshDepartures: {
    parameters: {
      query: {
        corpId: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DepartureDto'][];
        };
      };
    };
  };
  TransfersController_preview: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PlanTransferDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PreviewResponseDto'];
        };
      };
    };
  };
  AdminUsersController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AdminUsersController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateAdminUserDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AdminUsersController_get: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AdminUsersController_update: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateAdminUserDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AdminUsersController_disable: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AdminUsersController_enable: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AdminUsersController_resetPassword: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ResetPasswordDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AuthController_login: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LoginDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AuthController_me: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  StaffLoginController_login: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['WebLoginDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  StaffLoginController_loginUrl: {
    parameters: {
      query?: {
        /** @description Required when several corps are configured */
        corpId?: string;
        /** @description Where WeCom sends the browser back (default PUBLIC_BASE_URL/login/wecom); its domain must be the app’s trusted domain in WeCom */
        redirectUri?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ChatArchiveIngestController_ingest: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['IngestMessagesDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IngestResultDto'];
        };
      };
    };
  };
  SetupController_createFirstAdmin: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateFirstAdminDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SetupController_registerCorp: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RegisterCorpDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SetupController_callback: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SetupController_regenerate: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SetupController_check: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SetupController_status: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SidebarCustomersController_profile: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SidebarCustomersController_addFollowUp: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateFollowUpDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SidebarCustomersController_updateTags: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateSidebarTagsDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SidebarCustomersController_group: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SidebarController_agentConfigSignature: {
    parameters: {
      query: {
        /** @description The page URL (location.href); the hash is removed before signing */
        url: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SidebarController_configSignature: {
    parameters: {
      query: {
        /** @description The page URL (location.href); the hash is removed before signing */
        url: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SidebarController_me: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SidebarController_oauthUrl: {
    parameters: {
      query: {
        /** @description Required when several corps are configured */
        corpId?: string;
        /** @description Where WeCom sends the guide back: the page URL without its hash */
        redirectUri: string;
        /** @description The page's random state (a-zA-Z0-9, at most 128) */
        state: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SidebarQuickRepliesController_list: {
    parameters: {
      query?: {
        /** @description words anywhere in the title or the text */
        q?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SidebarQuickRepliesDto'];
        };
      };
    };
  };
  SidebarQuickRepliesController_use: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['QuickReplyUseDto'];
        };
      };
    };
  };
  SidebarController_createSession: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateSidebarSessionDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SidebarController_renew: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SidebarCustomersController_tags: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  HealthController_live: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  HealthController_ready: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The Health Check is successful */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * @example {
             *       "database": {
             *         "status": "up"
             *       }
             *     }
             */
            details?: {
              [key: string]: {
                status: string;
              } & {
                [key: string]: unknown;
              };
            };
            /** @example {} */
            error?: {
              [key: string]: {
                status: string;
              } & {
                [key: string]: unknown;
              };
            } | null;
            /**
             * @example {
             *       "database": {
             *         "status": "up"
             *       }
             *     }
             */
            info?: {
              [key: string]: {
                status: string;
              } & {
                [key: string]: unknown;
              };
            } | null;
            /** @example ok */
            status?: string;
          };
        };
      };
      /** @description The Health Check is not successful */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * @example {
             *       "database": {
             *         "status": "up"
             *       },
             *       "redis": {
             *         "status": "down",
             *         "message": "Could not connect"
             *       }
             *     }
             */
            details?: {
              [key: string]: {
                status: string;
              } & {
                [key: string]: unknown;
              };
            };
            /**
             * @example {
             *       "redis": {
             *         "status": "down",
             *         "message": "Could not connect"
             *       }
             *     }
             */
            error?: {
              [key: string]: {
                status: string;
              } & {
                [key: string]: unknown;
              };
            } | null;
            /**
             * @example {
             *       "database": {
             *         "status": "up"
             *       }
             *     }
             */
            info?: {
              [key: string]: {
                status: string;
              } & {
                [key: string]: unknown;
              };
            } | null;
            /** @example error */
            status?: string;
          };
        };
      };
    };
  };
}
