package guest.netty;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;

/**
 * A small HTTP server and client over Netty, whose jars have no main class of their own, on
 * Netty's NIO transport (event loops on threads of their own, a selector each):
 * <pre>
 *   serve PORT        listens on loopback; answers /hello, /file/NAME (a file of the working
 *                     directory) and /stop, after which it closes, ends its event loops and returns
 *   get URL...        requests each URL in turn and prints its status and body
 * </pre>
 * The client exits with status 1 if an answer was not 200 OK, 2 if a request failed.
 */
public final class NettyDriver {

    private NettyDriver() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("serve")) {
            serve(Integer.parseInt(args[1]));
        } else if (args.length >= 2 && args[0].equals("get")) {
            System.exit(get(Arrays.asList(args).subList(1, args.length)));
        } else {
            System.err.println("usage: serve PORT | get URL...");
            System.exit(64);
        }
    }

    private static void serve(int port) throws InterruptedException {
        EventLoopGroup boss = new NioEventLoopGroup(1);
        EventLoopGroup workers = new NioEventLoopGroup(2);
        AtomicInteger served = new AtomicInteger();
        try {
            Channel server = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                                    new Answering(served));
                        }
                    })
                    .bind("127.0.0.1", port).sync().channel();
            System.out.println("listening on port " + port);
            server.closeFuture().sync();
        } finally {
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
        System.out.println("stopped after " + served.get() + " requests");
    }

    /** The server's answers; /stop closes the server's channel once it has answered. */
    private static final class Answering extends SimpleChannelInboundHandler<FullHttpRequest> {

        private final AtomicInteger served;

        Answering(AtomicInteger served) {
            this.served = served;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            served.incrementAndGet();
            String path = request.uri();
            HttpResponseStatus status = HttpResponseStatus.OK;
            String body;
            if (path.equals("/hello")) {
                body = "hello from netty\n";
            } else if (path.equals("/stop")) {
                body = "stopping\n";
            } else if (path.startsWith("/file/")) {
                try {
                    body = Files.readString(Path.of(path.substring("/file/".length())));
                } catch (NoSuchFileException e) {
                    status = HttpResponseStatus.NOT_FOUND;
                    body = "no such file\n";
                } catch (IOException | SecurityException e) {
                    status = HttpResponseStatus.FORBIDDEN;
                    body = e + "\n";
                }
            } else {
                status = HttpResponseStatus.NOT_FOUND;
                body = "no such page\n";
            }
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ChannelFutureListener then = path.equals("/stop")
                    ? f -> f.channel().close().addListener(c -> f.channel().parent().close())
                    : ChannelFutureListener.CLOSE;
            ctx.writeAndFlush(response).addListener(then);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            System.err.println("serving failed: " + cause);
            ctx.close();
        }
    }

    private static int get(List<String> urls) throws InterruptedException {
        EventLoopGroup group = new NioEventLoopGroup(1);
        int status = 0;
        try {
            for (String url : urls) {
                URI uri = URI.create(url);
                CompletableFuture<FullHttpResponse> answer = new CompletableFuture<>();
                Channel channel;
                try {
                    channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                            .handler(new ChannelInitializer<SocketChannel>() {
                                @Override
                                protected void initChannel(SocketChannel ch) {
                                    ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024),
                                            new SimpleChannelInboundHandler<FullHttpResponse>() {
                                                @Override
                                                protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
                                                    answer.complete(r.retainedDuplicate());
                                                }

                                                @Override
                                                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                                    answer.completeExceptionally(cause);
                                                    ctx.close();
                                                }
                                            });
                                }
                            })
                            .connect(uri.getHost(), uri.getPort()).sync().channel();
                } catch (Exception e) {
                    System.out.println("GET " + uri.getPath() + " failed: " + e);
                    status = 2;
                    continue;
                }
                DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                        uri.getRawPath());
                request.headers().set(HttpHeaderNames.HOST, uri.getHost()).set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                channel.writeAndFlush(request);
                try {
                    FullHttpResponse r = answer.get(30, TimeUnit.SECONDS);
                    System.out.println("GET " + uri.getPath() + " -> " + r.status().code() + " "
                            + r.content().toString(StandardCharsets.UTF_8).trim());
                    if (r.status().code() != 200) {
                        status = Math.max(status, 1);
                    }
                    r.release();
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    System.out.println("GET " + uri.getPath() + " failed: " + e);
                    status = 2;
                }
                channel.closeFuture().sync();
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
        return status;
    }
}
