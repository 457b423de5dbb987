/**
 * End-to-end check of the Discord emulator with a REAL discord.js client: login over the gateway,
 * command registration over REST, and every kind of interaction answer the bot will use.
 * Everything runs on 127.0.0.1; nothing reaches Discord.
 */
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  ButtonBuilder,
  ButtonStyle,
  Client,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  InteractionResponseType,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  PermissionFlagsBits,
  TextInputBuilder,
  TextInputStyle,
  type Interaction,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordEmulator, InteractionError } from './emulator/discord-emulator.js';

const TOPICS = ['Charter', 'Collective Rapid Reaction Force', 'Member states', 'Secretary General'];

describe('discord emulator end to end', () => {
  // A short heartbeat interval so the test also sees heartbeats within its few seconds.
  const emulator = new DiscordEmulator({ heartbeatIntervalMs: 1_000, timeoutMs: 5_000 });
  let client: Client;
  const handlerErrors: unknown[] = [];

  /** A tiny bot, defined here so the test exercises discord.js rather than the project's code. */
  async function onInteraction(interaction: Interaction): Promise<void> {
    if (interaction.isChatInputCommand()) {
      switch (interaction.commandName) {
        case 'ask': {
          const question = interaction.options.getString('question', true);
          const embed = new EmbedBuilder().setTitle('CSTO').setDescription(`You asked: ${question}`).setFooter({ text: 'Source: Charter' });
          const more = new ButtonBuilder().setCustomId('ask:more').setLabel('More').setStyle(ButtonStyle.Primary);
          // withResponse exercises POST .../callback?with_response=true.
          const response = await interaction.reply({
            embeds: [embed],
            components: [new ActionRowBuilder<ButtonBuilder>().addComponents(more)],
            withResponse: true,
          });
          if (!response.resource?.message?.id) throw new Error('with_response returned no message');
          return;
        }
        case 'slow':
          await interaction.deferReply();
          await sleep(50);
          await interaction.editReply({ content: 'Here is the slow answer.' });
          return;
        case 'feedback': {
          const input = new TextInputBuilder().setCustomId('text').setStyle(TextInputStyle.Paragraph).setRequired(true);
          const modal = new ModalBuilder()
            .setCustomId('feedback:modal')
            .setTitle('Feedback')
            .addLabelComponents(new LabelBuilder().setLabel('Your feedback').setTextInputComponent(input));
          await interaction.showModal(modal);
          return;
        }
        case 'admin': {
          const allowed = interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
          const where = interaction.guild?.name ?? 'DM';
          await interaction.reply({
            content: allowed ? `Settings of ${where} updated.` : 'You need Manage Server.',
            flags: allowed ? undefined : MessageFlags.Ephemeral,
          });
          return;
        }
        default:
          throw new Error(`unexpected command ${interaction.commandName}`);
      }
    }
    if (interaction.isAutocomplete()) {
      const typed = interaction.options.getFocused().toLowerCase();
      await interaction.respond(TOPICS.filter((t) => t.toLowerCase().includes(typed)).map((t) => ({ name: t, value: t })));
      return;
    }
    if (interaction.isButton()) {
      if (interaction.customId.startsWith('ignore:')) return; // lets the test answer or time out
      await interaction.update({ content: 'More details below.', components: [] });
      return;
    }
    if (interaction.isModalSubmit()) {
      await interaction.reply({ content: `Thanks for: ${interaction.fields.getTextInputValue('text')}`, flags: MessageFlags.Ephemeral });
    }
  }

  beforeAll(async () => {
    await emulator.start();
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emulator.apiBase } });
    client.on(Events.InteractionCreate, (interaction) => {
      onInteraction(interaction).catch((error: unknown) => handlerErrors.push(error));
    });
    const ready = once(client, Events.ClientReady);
    await client.login(emulator.token);
    await ready;
    await emulator.waitForReady();

    // Register commands through the real REST path, as a deploy script would.
    await client.application?.commands.set([
      {
        name: 'ask',
        description: 'Ask about the CSTO',
        options: [{ name: 'question', description: 'Your question', type: ApplicationCommandOptionType.String, required: true, autocomplete: true }],
      },
      { name: 'slow', description: 'Answers after a deferral' },
      { name: 'feedback', description: 'Send feedback' },
    ]);
    await client.application?.commands.set([{ name: 'admin', description: 'Moderator settings' }], emulator.guildId);
  });

  afterAll(async () => {
    await client?.destroy();
    await emulator.stop();
  });

  it('logs in over the gateway and sees the fixture guilds', () => {
    expect(client.user?.id).toBe(emulator.applicationId);
    expect(client.guilds.cache.map((g) => g.name).sort()).toEqual(['CSTO Test Guild A', 'CSTO Test Guild B']);
    expect(client.guilds.cache.get(emulator.guildId)?.members.me?.id).toBe(emulator.botUser.id);
    const [connection] = emulator.gatewayConnections;
    expect(connection?.query).toMatchObject({ v: '10', encoding: 'json' });
    expect(connection?.compression).toBeNull();
  });

  it('stores registered global and guild commands', () => {
    const { global, guilds } = emulator.registeredCommands;
    expect(global.map((c) => c.name)).toEqual(['ask', 'slow', 'feedback']);
    expect(guilds[emulator.guildId]?.map((c) => c.name)).toEqual(['admin']);
    expect(global[0]?.options?.[0]).toMatchObject({ name: 'question', autocomplete: true });
  });

  it('replies to a slash command with an embed within 3 seconds', async () => {
    const record = await emulator.dispatchInteraction(emulator.chatInput({ name: 'ask', options: { question: 'What is the CSTO?' } }));
    expect(record.callbackType).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(record.firstResponseMs).toBeLessThan(3_000);
    expect(record.callback?.withResponse).toBe(true);
    expect(record.message?.embeds[0]).toMatchObject({ title: 'CSTO', description: 'You asked: What is the CSTO?', footer: { text: 'Source: Charter' } });
    expect(record.message?.author.id).toBe(emulator.botUser.id);
    expect(record.ephemeral).toBe(false);

    // Clicking the reply's button: the bot updates the message in place (type 7).
    const click = await emulator.dispatchInteraction(emulator.button({ customId: 'ask:more', from: record }));
    expect(click.callbackType).toBe(InteractionResponseType.UpdateMessage);
    expect(click.message?.id).toBe(record.message?.id);
    expect(click.message?.content).toBe('More details below.');
    expect(click.message?.components).toEqual([]);
  });

  it('answers autocomplete with matching choices', async () => {
    const record = await emulator.dispatchInteraction(emulator.autocomplete({ name: 'ask', options: { question: 'ar' }, focused: 'question' }));
    expect(record.callbackType).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    expect(record.choices).toEqual([
      { name: 'Charter', value: 'Charter' },
      { name: 'Secretary General', value: 'Secretary General' },
    ]);
  });

  it('defers, then edits the original response', async () => {
    const record = await emulator.dispatchInteraction(emulator.chatInput({ name: 'slow' }));
    expect(record.callbackType).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(record.firstResponseMs).toBeLessThan(3_000);
    expect(record.edits).toHaveLength(1);
    expect(record.message?.content).toBe('Here is the slow answer.');
    expect((record.message?.flags ?? 0) & MessageFlags.Loading).toBe(0);
  });

  it('shows a modal and handles its submission', async () => {
    const shown = await emulator.dispatchInteraction(emulator.chatInput({ name: 'feedback' }));
    expect(shown.callbackType).toBe(InteractionResponseType.Modal);
    expect(shown.modal).toMatchObject({ custom_id: 'feedback:modal', title: 'Feedback' });

    const submitted = await emulator.dispatchInteraction(emulator.modalSubmit({ from: shown, fields: { text: 'Very useful' } }));
    expect(submitted.callbackType).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(submitted.message?.content).toBe('Thanks for: Very useful');
    expect(submitted.ephemeral).toBe(true);
  });

  it('acts as a moderator, a plain member, and a user of another guild', async () => {
    const asModerator = await emulator.dispatchInteraction(emulator.chatInput({ name: 'admin', user: emulator.users.moderator }));
    expect(asModerator.message?.content).toBe('Settings of CSTO Test Guild A updated.');

    const asMember = await emulator.dispatchInteraction(emulator.chatInput({ name: 'admin', user: emulator.users.member }));
    expect(asMember.message?.content).toBe('You need Manage Server.');
    expect(asMember.ephemeral).toBe(true);

    // The guild-B owner has every permission there (owner => all).
    const inGuildB = await emulator.dispatchInteraction(
      emulator.chatInput({ name: 'admin', guildId: emulator.guildB.id, user: emulator.users.outsider }),
    );
    expect(inGuildB.message?.content).toBe('Settings of CSTO Test Guild B updated.');
    expect(() => emulator.chatInput({ name: 'admin', user: emulator.users.outsider })).toThrow(/not a member/);
  });

  it('rejects answers Discord would reject, and wrong tokens', async () => {
    // A second answer to the same interaction is refused like Discord does (40060).
    const record = await emulator.dispatchInteraction(emulator.chatInput({ name: 'slow' }));
    const again = await fetch(`${emulator.apiBase}/v10/interactions/${record.id}/${record.token}/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'again' } }),
    });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ code: 40060 });

    const unauthorized = await fetch(`${emulator.apiBase}/v10/users/@me`, { headers: { authorization: 'Bot not-the-token' } });
    expect(unauthorized.status).toBe(401);

    // An answer Discord would refuse (content over 2000 characters) fails the dispatch at once.
    // The expectation is attached before the answer is sent, so the rejection is never unhandled.
    const ignored = expect(emulator.dispatchInteraction(emulator.button({ customId: 'ignore:me' }))).rejects.toBeInstanceOf(InteractionError);
    const tooLong = await fetch(`${emulator.apiBase}/v10/interactions/${emulator.interactions.at(-1)?.id}/${emulator.interactions.at(-1)?.token}/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'x'.repeat(2001) } }),
    });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toMatchObject({ code: 50035, errors: { data: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } });
    await ignored;

    // An interaction nobody answers fails with a clear error instead of hanging.
    await expect(emulator.dispatchInteraction(emulator.button({ customId: 'ignore:again' }), { timeoutMs: 200 })).rejects.toThrow(
      /no callback received/,
    );
  });

  it('resumes the session after a gateway RECONNECT and keeps heartbeating', async () => {
    const resumed = once(client, Events.ShardResume);
    emulator.requestReconnect();
    await resumed;
    expect(emulator.gatewayConnections.at(-1)?.resumed).toBe(true);
    const record = await emulator.dispatchInteraction(emulator.chatInput({ name: 'ask', options: { question: 'after resume' } }));
    expect(record.message?.embeds[0]?.description).toBe('You asked: after resume');
    await emulator.waitFor(() => emulator.heartbeats > 0, 3_000, 'a heartbeat');
  });

  it('saw no unknown route and no handler error', () => {
    expect(emulator.unknownRoutes).toEqual([]);
    expect(emulator.internalErrors).toEqual([]);
    expect(handlerErrors).toEqual([]);
  });
});
